import type { RateLimitedReply } from "./rate-limits.ts";

/**
 * Discord's global limit: 50 requests per second per bot, across every route and every
 * process using the token. Interaction endpoints (callbacks, webhooks with an interaction
 * token) are not bound by it. Over the limit the answer is a global 429: `X-RateLimit-Global`,
 * scope `global`, and a whole-second `Retry-After`.
 */
export class GlobalLimit {
  readonly perSecond: number;
  #window = { resetAt: 0, used: 0 };
  #limitedCalls = 0;

  constructor(perSecond = 50) {
    this.perSecond = perSecond;
  }

  /** Counts a call; a 429 reply when this second's allowance is spent. */
  admit(): RateLimitedReply | null {
    const now = Date.now();
    if (now >= this.#window.resetAt) this.#window = { resetAt: now + 1000, used: 0 };
    if (this.#window.used < this.perSecond) {
      this.#window.used++;
      return null;
    }
    this.#limitedCalls++;
    const retryAfter = Math.max(0.001, (this.#window.resetAt - now) / 1000);
    return {
      body: { message: "You are being rate limited.", retry_after: retryAfter, global: true },
      headers: {
        "retry-after": String(Math.ceil(retryAfter)),
        "x-ratelimit-global": "true",
        "x-ratelimit-scope": "global",
      },
    };
  }

  /** Calls refused by the global limit since the start (or the last `clear()`). */
  get limitedCalls(): number {
    return this.#limitedCalls;
  }

  clear(): void {
    this.#window = { resetAt: 0, used: 0 };
    this.#limitedCalls = 0;
  }
}
