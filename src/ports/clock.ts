/** Time, injected so tests and domain code can control it. */
export interface Clock {
  now(): number;
}

/** Randomness, injected for the same reason. */
export interface Random {
  /** An integer in [0, maxExclusive). */
  int(maxExclusive: number): number;
  uuid(): string;
}

export const systemClock: Clock = { now: () => Date.now() };

export const cryptoRandom: Random = {
  int(maxExclusive) {
    const buffer = new Uint32Array(1);
    crypto.getRandomValues(buffer);
    return Math.floor(((buffer[0] ?? 0) / 2 ** 32) * maxExclusive);
  },
  uuid: () => crypto.randomUUID(),
};
