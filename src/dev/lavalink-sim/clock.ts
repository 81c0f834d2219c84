/** The simulator's time: manual in tests, accelerated in the playground. */
export interface SimClock {
  now(): number;
}

/** Time that moves only when told to. */
export class ManualClock implements SimClock {
  constructor(private current = 1_700_000_000_000) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

/** Real time sped up `factor` times (the playground's tracks end in seconds). */
export function acceleratedClock(factor: number, realNow: () => number = Date.now): SimClock {
  const start = realNow();
  return { now: () => start + (realNow() - start) * factor };
}
