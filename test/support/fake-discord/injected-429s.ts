import { type RateLimitedReply, rateLimitedReply } from "../../../src/dev/discord-sim/index.ts";

/** How {@link Injected429s.inject} makes calls fail with 429. */
export interface RateLimitOptions {
  /** Seconds to wait, sent as `retry_after` and (unrounded, to keep tests fast) `Retry-After`. */
  retryAfterSeconds: number;
  /** A global limit (`X-RateLimit-Global`, scope `global`) instead of a per-route one. */
  global?: boolean;
  /** How many matching calls get a 429; default 1. */
  count?: number;
  /** Only calls with this method; default any. */
  method?: string;
  /** Scope of a per-route limit; default `user`. */
  scope?: "user" | "shared";
}

interface Injection extends RateLimitOptions {
  route: string;
  left: number;
}

/** 429s injected on demand, on top of the simulator's honest per-bucket limits. */
export class Injected429s {
  readonly #limit: number;
  readonly #injections: Injection[] = [];

  constructor(limitPerSecond: number) {
    this.#limit = limitPerSecond;
  }

  /** Makes the next `count` calls to `route` (a pattern such as `/guilds/:id/bulk-ban`) 429. */
  inject(route: string, options: RateLimitOptions): void {
    this.#injections.push({ ...options, route, left: options.count ?? 1 });
  }

  /** Consumes an injected 429 for this call, if one is pending. */
  take(method: string, route: string, bucketKey: string): RateLimitedReply | undefined {
    const injection = this.#injections.find(
      (candidate) =>
        candidate.route === route &&
        candidate.left > 0 &&
        (candidate.method === undefined || candidate.method.toUpperCase() === method),
    );
    if (!injection) return undefined;
    injection.left--;
    return rateLimitedReply({ ...injection, limit: this.#limit, bucketKey });
  }

  clear(): void {
    this.#injections.length = 0;
  }
}
