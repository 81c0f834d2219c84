import type { RateLimitBucket } from "../constants/rate-limits.ts";
import { RATE_LIMITS } from "../constants/rate-limits.ts";
import type { LimitRule } from "../ports/index.ts";

/** An operator block on a guild. `expiresAt` null = permanent. */
export interface BlockState {
  reason: string;
  expiresAt: number | null;
}

/** A guild-limit override for one bucket. */
export interface OverrideState extends LimitRule {
  expiresAt: number | null;
}

/** Everything operators control about one guild, as read on every interaction. */
export interface GuildControls {
  block: BlockState | null;
  overrides: Partial<Record<RateLimitBucket, OverrideState>>;
  /** When the guild's next timed lockdown ends (ms); past it, the gate settles it lazily. */
  lockdownEndsAt?: number | null;
}

export const NO_CONTROLS: GuildControls = { block: null, overrides: {} };

const live = (expiresAt: number | null, now: number) => expiresAt === null || expiresAt > now;

/** The block in force at `now`, or null: expiry is honoured on read, before any sweep. */
export function activeBlock(controls: GuildControls, now: number): BlockState | null {
  return controls.block && live(controls.block.expiresAt, now) ? controls.block : null;
}

/** True when a timed lockdown should have ended by `now` and nobody has settled it yet. */
export function lockdownOverdue(controls: GuildControls, now: number): boolean {
  return typeof controls.lockdownEndsAt === "number" && controls.lockdownEndsAt <= now;
}

/** Where an effective limit comes from, for `/ratelimit show`. */
export type LimitSource = { kind: "default" } | { kind: "override"; expiresAt: number | null };

/** The guild limit in force for `bucket` at `now`, and where it comes from. */
export function effectiveGuildLimit(
  controls: GuildControls,
  bucket: RateLimitBucket,
  now: number,
): { rule: LimitRule; source: LimitSource } {
  const override = controls.overrides[bucket];
  if (override && live(override.expiresAt, now)) {
    return {
      rule: { limit: override.limit, windowSeconds: override.windowSeconds },
      source: { kind: "override", expiresAt: override.expiresAt },
    };
  }
  return { rule: RATE_LIMITS[bucket].guild, source: { kind: "default" } };
}

/** Cache encoding; a value that does not decode is treated as a miss. */
export function encodeControls(controls: GuildControls): string {
  return JSON.stringify(controls);
}

export function decodeControls(raw: string | null): GuildControls | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<GuildControls>;
    if (typeof value !== "object" || value === null || typeof value.overrides !== "object")
      return null;
    return {
      block: value.block ?? null,
      overrides: value.overrides ?? {},
      ...(typeof value.lockdownEndsAt === "number" ? { lockdownEndsAt: value.lockdownEndsAt } : {}),
    };
  } catch {
    return null;
  }
}

export function sameRule(a: LimitRule, b: LimitRule): boolean {
  return a.limit === b.limit && a.windowSeconds === b.windowSeconds;
}
