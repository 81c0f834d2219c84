/**
 * How many calls a job keeps in flight, adapting to what Discord says: every call held back
 * by a rate limit (a bucket whose `X-RateLimit-Remaining` reached 0, a 429) halves the lanes; each run of unhindered calls as long as the lanes adds one. No
 * fixed sleeps: the limits themselves set the pace.
 */
export class LaneController {
  #current: number;
  #clean = 0;

  constructor(
    readonly min: number,
    readonly max: number,
    start = min,
  ) {
    if (!(min >= 1 && max >= min)) throw new RangeError(`lanes ${min}..${max}`);
    this.#current = Math.min(max, Math.max(min, start));
  }

  /** Calls allowed in flight now. */
  get current(): number {
    return this.#current;
  }

  /** A call was held back by a rate limit. */
  slowDown(): void {
    this.#current = Math.max(this.min, Math.floor(this.#current / 2));
    this.#clean = 0;
  }

  /** A call went through without waiting. */
  clean(): void {
    this.#clean++;
    if (this.#clean >= this.#current) {
      this.#current = Math.min(this.max, this.#current + 1);
      this.#clean = 0;
    }
  }
}

/**
 * Runs `work` over `items` with at most `lanes.current` in flight, keeping results in input
 * order; after each call, `held()` (a count of rate-limit holds, only ever growing) says
 * whether it was held back. A rejection rejects the whole run.
 */
export function mapAdaptive<T, R>(
  items: readonly T[],
  lanes: LaneController,
  held: () => number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  if (items.length === 0) return Promise.resolve(results);
  let next = 0;
  let active = 0;
  let failed = false;
  return new Promise((resolve, reject) => {
    const launch = () => {
      while (!failed && active < lanes.current && next < items.length) {
        const index = next++;
        active++;
        const before = held();
        work(items[index] as T, index).then(
          (result) => {
            results[index] = result;
            active--;
            if (held() > before) lanes.slowDown();
            else lanes.clean();
            if (next >= items.length && active === 0) resolve(results);
            else launch();
          },
          (error: unknown) => {
            failed = true;
            reject(error);
          },
        );
      }
    };
    launch();
  });
}
