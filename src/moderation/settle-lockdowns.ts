import { refreshCachedControls } from "../data/guild-controls-cache.ts";
import {
  abandonLockdown,
  claimDueLockdowns,
  liveChannels,
  recordUnlock,
  releaseLockdown,
} from "../data/moderation/index.ts";
import type { Deps } from "../ports/index.ts";
import { applicationIdOf } from "./actor.ts";
import { restoreChannels } from "./lockdown-runner.ts";
import { postCaseToModlog } from "./modlog-post.ts";

/** A run that died holding a lease frees it after this long. */
const LEASE_MS = 120_000;
const BATCH = 25;

/**
 * Ends timed lockdowns that are due (of one guild, or all): restores every channel exactly and
 * records the `unlock` case. Claims with `FOR UPDATE SKIP LOCKED` and a lease, so the cron
 * trigger and lazy settlement on an interaction never end the same lockdown twice.
 */
export async function settleDueLockdowns(deps: Deps, now: Date, guildId?: string): Promise<number> {
  const botId = applicationIdOf(deps);
  const due = await claimDueLockdowns(deps.db, {
    now,
    applicationId: botId,
    guildId,
    leaseMs: LEASE_MS,
    limit: BATCH,
  });
  for (const lockdown of due) {
    const rows = await liveChannels(deps.db, lockdown.guildId, { lockdownId: lockdown.id });
    const audit = `[case #${lockdown.caseNumber}] Timed lockdown ended`;
    const { restored, failed } = await restoreChannels(deps, rows, audit, null);
    if (failed.length > 0) {
      // Left active and released: the next tick (or interaction) tries again.
      deps.log.warn("lockdown.expiry_incomplete", {
        guild_id: lockdown.guildId,
        failed: failed.length,
      });
      await releaseLockdown(deps.db, lockdown.id);
      continue;
    }
    if (restored.length === 0) {
      // Another run (a moderator's /unlock) restored them and recorded it.
      await abandonLockdown(deps.db, lockdown.id, now);
      continue;
    }
    const unlock = await recordUnlock(deps.db, {
      guildId: lockdown.guildId,
      moderatorId: botId,
      reason: "Timed lockdown ended",
      channelIds: restored.map((r) => r.channelId),
      lockdownIds: [lockdown.id],
      undoesCaseNumber: lockdown.caseNumber,
      now,
    });
    postCaseToModlog(deps, lockdown.guildId, unlock.number);
  }
  await refreshCachedControls(deps, [...new Set(due.map((l) => l.guildId))]);
  return due.length;
}
