import { createHash } from "node:crypto";

/** How {@link RateLimits.inject} makes calls fail with 429. */
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

/** A 429 reply, ready to send. */
export interface RateLimitedReply {
  headers: Record<string, string>;
  body: { message: string; retry_after: number; global: boolean };
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/**
 * Rate-limit behaviour of the fake: plausible `X-RateLimit-*` headers on every bot call (a
 * per-bucket window of `limit` calls per second, counted honestly) and 429s injected on demand.
 */
export class RateLimits {
  readonly #limit: number;
  readonly #injections: Injection[] = [];
  readonly #windows = new Map<string, { resetAt: number; used: number }>();

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
    const retryAfter = injection.retryAfterSeconds;
    const body = {
      message:
        injection.scope === "shared"
          ? "The resource is being rate limited."
          : "You are being rate limited.",
      retry_after: retryAfter,
      global: injection.global === true,
    };
    if (injection.global) {
      return {
        body,
        headers: {
          "retry-after": String(retryAfter),
          "x-ratelimit-global": "true",
          "x-ratelimit-scope": "global",
        },
      };
    }
    const resetAt = Date.now() + retryAfter * 1000;
    return {
      body,
      headers: {
        "retry-after": String(retryAfter),
        "x-ratelimit-limit": String(this.#limit),
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": seconds(resetAt),
        "x-ratelimit-reset-after": seconds(resetAt - Date.now()),
        "x-ratelimit-bucket": this.#bucketHash(bucketKey),
        "x-ratelimit-scope": injection.scope ?? "user",
      },
    };
  }

  /** Headers for a call that went through, counting it against its bucket's window. */
  headersFor(bucketKey: string, majorParameter: string): Record<string, string> {
    const now = Date.now();
    const key = `${bucketKey}|${majorParameter}`;
    let window = this.#windows.get(key);
    if (!window || now >= window.resetAt) {
      window = { resetAt: now + 1000, used: 0 };
      this.#windows.set(key, window);
    }
    window.used++;
    return {
      "x-ratelimit-limit": String(this.#limit),
      "x-ratelimit-remaining": String(Math.max(0, this.#limit - window.used)),
      "x-ratelimit-reset": seconds(window.resetAt),
      "x-ratelimit-reset-after": seconds(window.resetAt - now),
      "x-ratelimit-bucket": this.#bucketHash(bucketKey),
    };
  }

  /** Forgets injected 429s and windows. */
  clear(): void {
    this.#injections.length = 0;
    this.#windows.clear();
  }

  // Discord's bucket ids are opaque 32-hex strings shared by a route across major parameters.
  #bucketHash(bucketKey: string): string {
    return createHash("sha1").update(bucketKey).digest("hex").slice(0, 32);
  }
}
