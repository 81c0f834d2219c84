/** A 429 reply, ready to send. */
export interface RateLimitedReply {
  headers: Record<string, string>;
  body: { message: string; retry_after: number; global: boolean };
}

/** What a call through the limiter gets: the headers to send, or the 429 to answer with. */
export type Admission =
  | { limited: false; headers: Record<string, string> }
  | { limited: true; reply: RateLimitedReply };

/** One per-route bucket: `limit` calls per window of `windowMs`, per major parameter. */
export interface BucketRule {
  limit: number;
  windowMs: number;
}

/**
 * Per-route limits Discord is known to apply (it publishes none; these are what bots observe
 * in `X-RateLimit-Limit` / `Reset-After`). Routes not listed get the simulator's default
 * bucket. Keyed by `METHOD pattern`.
 */
export const ROUTE_LIMITS: Readonly<Record<string, BucketRule>> = {
  "POST /channels/:id/messages": { limit: 5, windowMs: 5000 },
  "DELETE /channels/:id/messages/:message": { limit: 5, windowMs: 1000 },
  "PATCH /guilds/:id/members/:user": { limit: 10, windowMs: 10_000 },
  "PUT /guilds/:id/members/:user/roles/:role": { limit: 10, windowMs: 10_000 },
  "DELETE /guilds/:id/members/:user/roles/:role": { limit: 10, windowMs: 10_000 },
};

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/** Discord's bucket ids are opaque 32-hex strings shared by a route across major parameters. */
export function bucketHash(bucketKey: string): string {
  // Four FNV-1a passes with different offsets: stable, runtime-agnostic, no crypto needed.
  let hex = "";
  for (const offset of [0x811c9dc5, 0x01000193, 0x5bd1e995, 0x9e3779b9]) {
    let hash = offset >>> 0;
    for (let i = 0; i < bucketKey.length; i++) {
      hash ^= bucketKey.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    hex += hash.toString(16).padStart(8, "0");
  }
  return hex;
}

/** Builds a 429 exactly as Discord sends one (per-route or global, user or shared scope). */
export function rateLimitedReply(options: {
  retryAfterSeconds: number;
  global?: boolean;
  scope?: "user" | "shared";
  limit: number;
  bucketKey: string;
}): RateLimitedReply {
  const retryAfter = options.retryAfterSeconds;
  const body = {
    message:
      options.scope === "shared"
        ? "The resource is being rate limited."
        : "You are being rate limited.",
    retry_after: retryAfter,
    global: options.global === true,
  };
  if (options.global) {
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
      "x-ratelimit-limit": String(options.limit),
      "x-ratelimit-remaining": "0",
      "x-ratelimit-reset": seconds(resetAt),
      "x-ratelimit-reset-after": seconds(resetAt - Date.now()),
      "x-ratelimit-bucket": bucketHash(options.bucketKey),
      "x-ratelimit-scope": options.scope ?? "user",
    },
  };
}

/**
 * Discord's per-route limits, counted honestly: each bucket (route + major parameter) allows
 * its rule's calls per window and says so in `X-RateLimit-*` headers; a client that ignores
 * them and calls again in an exhausted window gets a 429, as on Discord.
 */
export class RateLimits {
  readonly limit: number;
  readonly #rules: Readonly<Record<string, BucketRule>>;
  readonly #windows = new Map<string, { resetAt: number; used: number }>();

  /** `limitPerSecond` is the bucket of routes without a rule of their own. */
  constructor(limitPerSecond: number, rules: Readonly<Record<string, BucketRule>> = ROUTE_LIMITS) {
    this.limit = limitPerSecond;
    this.#rules = rules;
  }

  /** The rule of a bucket (`METHOD pattern`). */
  ruleOf(bucketKey: string): BucketRule {
    return this.#rules[bucketKey] ?? { limit: this.limit, windowMs: 1000 };
  }

  /** Counts a call against its bucket's window; over the limit it answers with a 429. */
  admit(bucketKey: string, majorParameter: string): Admission {
    const now = Date.now();
    const rule = this.ruleOf(bucketKey);
    const key = `${bucketKey}|${majorParameter}`;
    let window = this.#windows.get(key);
    if (!window || now >= window.resetAt) {
      window = { resetAt: now + rule.windowMs, used: 0 };
      this.#windows.set(key, window);
    }
    if (window.used >= rule.limit) {
      const retryAfterSeconds = Math.max(0.001, (window.resetAt - now) / 1000);
      return {
        limited: true,
        reply: rateLimitedReply({ retryAfterSeconds, limit: rule.limit, bucketKey }),
      };
    }
    window.used++;
    return {
      limited: false,
      headers: {
        "x-ratelimit-limit": String(rule.limit),
        "x-ratelimit-remaining": String(Math.max(0, rule.limit - window.used)),
        "x-ratelimit-reset": seconds(window.resetAt),
        "x-ratelimit-reset-after": seconds(window.resetAt - now),
        "x-ratelimit-bucket": bucketHash(bucketKey),
      },
    };
  }

  /** Forgets the windows. */
  clear(): void {
    this.#windows.clear();
  }
}
