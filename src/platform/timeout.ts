/** Thrown by {@link withTimeout} when the budget runs out. */
export class TimeoutError extends Error {
  override name = "TimeoutError";
}

/** Settles with `promise`, or rejects with {@link TimeoutError} after `ms`. */
export async function withTimeout<T>(
  promise: Promise<T>,
  ms: number,
  what = "operation",
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${what} timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
