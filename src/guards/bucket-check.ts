import { RATE_LIMITS } from "../constants/rate-limits.ts";
import { loadControls, readCachedControls } from "../data/guild-controls-cache.ts";
import { effectiveGuildLimit, NO_CONTROLS } from "../domain/guild-controls.ts";
import type { RateLimitBucket } from "../interactions/types.ts";
import { describeError } from "../platform/logger.ts";
import type { Deps } from "../ports/index.ts";

/**
 * Spends one request of `bucket` for this user and guild, as the rate gate does, for work
 * whose bucket is only known inside the handler (AI on the bot's own key). Identifiers are
 * the gate's, so `/ratelimit` overrides and resets apply. Returns null when allowed, or the
 * seconds to wait; a refusal is counted in `chopsticks_rate_limit_hits_total{bucket}`.
 */
export async function spendBucket(
  deps: Deps,
  bucket: RateLimitBucket,
  guildId: string | null,
  userId: string,
): Promise<number | null> {
  const now = deps.clock.now();
  let controls = NO_CONTROLS;
  if (guildId) {
    try {
      controls = (await readCachedControls(deps, guildId)) ?? (await loadControls(deps, guildId));
    } catch (error) {
      deps.log.warn("guild_controls.unavailable", {
        guild_id: guildId,
        error: describeError(error),
      });
    }
  }
  const guildRule = guildId ? effectiveGuildLimit(controls, bucket, now).rule : null;
  const decisions = await Promise.all([
    deps.limiter.limit(`${bucket}:u:${userId}`, RATE_LIMITS[bucket].user),
    guildRule
      ? deps.limiter.limit(`${bucket}:g:${guildId}:l${guildRule.limit}`, guildRule)
      : Promise.resolve(null),
  ]);
  const denied = decisions.find((d) => d && !d.allowed);
  if (!denied) return null;
  deps.metrics.countRateLimitHit(bucket);
  return Math.max(1, Math.ceil((denied.resetAt - now) / 1000));
}
