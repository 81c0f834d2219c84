/** What a money operation did. `replayed`: the same request was applied before; nothing moved. */
export type Outcome<T = unknown> = ({ status: "done" } & T) | { status: "replayed" };

/**
 * Thrown inside a transaction that finds its key already used, so everything it did before
 * noticing (a nonce taken, a row locked) rolls back; {@link replayedOnThrow} turns it into
 * the `replayed` outcome.
 */
export class ReplayedError extends Error {
  override name = "ReplayedError";
}

/** Runs transactional work; a {@link ReplayedError} becomes `{ status: "replayed" }`. */
export async function replayedOnThrow<T>(work: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ReplayedError) return { status: "replayed" };
    throw error;
  }
}
