/** A limit: `limit` requests per sliding window of `windowSeconds`. */
export interface LimitRule {
  limit: number;
  windowSeconds: number;
}

export interface LimitDecision {
  allowed: boolean;
  remaining: number;
  /** Epoch milliseconds when a slot frees up. */
  resetAt: number;
}

/** Sliding-window limiter keyed by an identifier such as `ai:user:<id>`. */
export interface RateLimiter {
  limit(identifier: string, rule: LimitRule): Promise<LimitDecision>;
  /** Forgets used tokens for identifiers starting with `identifierPrefix`. */
  reset(identifierPrefix: string): Promise<void>;
}
