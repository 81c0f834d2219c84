import { InteractionType } from "discord-api-types/v10";
import { RATE_LIMITS, type RateLimitBucket } from "../constants/rate-limits.ts";
import { loadControls, readCachedControls } from "../data/guild-controls-cache.ts";
import {
  activeBlock,
  effectiveGuildLimit,
  type GuildControls,
  lockdownOverdue,
  NO_CONTROLS,
  sameRule,
} from "../domain/guild-controls.ts";
import type { Guard } from "../interactions/handle.ts";
import { refusal } from "../interactions/handle.ts";
import { describeError } from "../platform/logger.ts";
import type { Deps, LimitDecision, LimitRule } from "../ports/index.ts";

const MEMO_CAP = 10_000;

/**
 * The guild limit each (guild, bucket) had when this isolate last looked. The gate checks
 * the guild limit with it in the same round trip as the read of the guild's controls; only
 * when an operator has changed the override since does it check again with the new rule.
 */
export class OverrideMemo {
  private readonly rules = new Map<string, LimitRule>();

  get(guildId: string, bucket: RateLimitBucket): LimitRule {
    return this.rules.get(`${guildId}:${bucket}`) ?? RATE_LIMITS[bucket].guild;
  }

  set(guildId: string, bucket: RateLimitBucket, rule: LimitRule): void {
    if (this.rules.size >= MEMO_CAP) this.rules.clear();
    this.rules.set(`${guildId}:${bucket}`, rule);
  }
}

function blockedText(reason: string, expiresAt: number | null): string {
  const until =
    expiresAt === null
      ? "The block is permanent."
      : `The block ends <t:${Math.ceil(expiresAt / 1000)}:R>.`;
  return `Chopsticks is not available in this server: ${reason}\n${until}`;
}

async function controlsFor(
  deps: Deps,
  guildId: string,
  cached: Promise<GuildControls | null>,
): Promise<GuildControls> {
  try {
    return (await cached) ?? (await loadControls(deps, guildId));
  } catch (error) {
    // Without Postgres the handler will report the outage itself; limits fall back to defaults.
    deps.log.warn("guild_controls.unavailable", { guild_id: guildId, error: describeError(error) });
    return NO_CONTROLS;
  }
}

/**
 * Ends a guild's timed lockdowns that are past due (the moderation layer's settlement); handed
 * to the gate at creation, so guards do not depend on a feature.
 */
export type SettleDueLockdowns = (deps: Deps, now: Date, guildId: string) => Promise<unknown>;

/**
 * The gate every interaction passes: operator blocks, then the user's and the guild's limit
 * for the command's bucket. The controls read and both limit checks go out together, so in
 * the steady state this costs one Redis round trip. Autocomplete is checked for blocks only.
 */
export function createRateGate(memo: OverrideMemo, settleDueLockdowns: SettleDueLockdowns): Guard {
  return async function rateGate(interaction, route, deps) {
    const bucket = route.module.bucket;
    const guildId = interaction.guild_id ?? null;
    const userId = (interaction.member?.user ?? interaction.user)?.id ?? "unknown";
    const limited = interaction.type !== InteractionType.ApplicationCommandAutocomplete;
    const now = deps.clock.now();

    const cached = guildId ? readCachedControls(deps, guildId) : Promise.resolve(null);
    const guess = guildId ? memo.get(guildId, bucket) : null;
    // The limit is part of the key: a check made with a stale rule must not spend tokens of
    // the rule in force.
    const guildKey = (rule: LimitRule) => `${bucket}:g:${guildId}:l${rule.limit}`;
    const userCheck = limited
      ? deps.limiter.limit(`${bucket}:u:${userId}`, RATE_LIMITS[bucket].user)
      : null;
    let guildCheck: Promise<LimitDecision> | null =
      limited && guess ? deps.limiter.limit(guildKey(guess), guess) : null;

    const controls = guildId ? await controlsFor(deps, guildId, cached) : NO_CONTROLS;
    // A timed lockdown past its end is settled lazily, after the response; no extra I/O here.
    if (guildId && lockdownOverdue(controls, now)) {
      deps.background.run("lockdown.settle_due", () =>
        settleDueLockdowns(deps, new Date(now), guildId),
      );
    }
    const block = activeBlock(controls, now);
    if (block) {
      deps.metrics.observeCommand(route.module.name, "blocked", 0);
      return refusal(interaction, "Server blocked", blockedText(block.reason, block.expiresAt));
    }
    if (!limited) return null;

    if (guildId && guess) {
      const { rule } = effectiveGuildLimit(controls, bucket, now);
      if (!sameRule(rule, guess)) {
        memo.set(guildId, bucket, rule);
        guildCheck = deps.limiter.limit(guildKey(rule), rule);
      }
    }
    const decisions = await Promise.all([userCheck, guildCheck]);
    const denied = decisions.find((d) => d && !d.allowed);
    if (!denied) return null;
    deps.metrics.countRateLimitHit(bucket);
    deps.metrics.observeCommand(route.module.name, "rate_limited", 0);
    const wait = Math.max(1, Math.ceil((denied.resetAt - now) / 1000));
    return refusal(interaction, "Slow down", `Too many requests — try again in ${wait} s.`);
  };
}
