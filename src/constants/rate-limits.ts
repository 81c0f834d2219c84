import type { LimitRule } from "../ports/index.ts";

/** Rate-limit buckets; every command declares one. */
export type RateLimitBucket = "ai" | "music" | "economy" | "moderation" | "default";

/** A bucket's defaults: one limit per user and one for the whole guild. */
export interface BucketLimits {
  user: LimitRule;
  guild: LimitRule;
}

/**
 * Every rate-limit default, in one place. Every command declares its bucket; a request must
 * pass both the user's and the guild's limit. Operators override the guild limit live with
 * `/ratelimit override` (no redeploy); raising a default here needs a deploy.
 */
export const RATE_LIMITS: Readonly<Record<RateLimitBucket, BucketLimits>> = {
  default: { user: { limit: 20, windowSeconds: 60 }, guild: { limit: 300, windowSeconds: 60 } },
  ai: { user: { limit: 5, windowSeconds: 60 }, guild: { limit: 60, windowSeconds: 300 } },
  music: { user: { limit: 15, windowSeconds: 60 }, guild: { limit: 120, windowSeconds: 60 } },
  economy: { user: { limit: 10, windowSeconds: 60 }, guild: { limit: 200, windowSeconds: 60 } },
  moderation: { user: { limit: 10, windowSeconds: 60 }, guild: { limit: 60, windowSeconds: 60 } },
};

export const BUCKETS = Object.keys(RATE_LIMITS) as RateLimitBucket[];

/** What an override may set: sane caps so a typo cannot open or close a guild entirely. */
export const OVERRIDE_BOUNDS = {
  limit: { min: 1, max: 10_000 },
  windowSeconds: { min: 5, max: 86_400 },
  /** The longest an override may last; without a duration it lasts until reset. */
  maxDurationSeconds: 30 * 86_400,
} as const;

export function isBucket(value: string): value is RateLimitBucket {
  return Object.hasOwn(RATE_LIMITS, value);
}
