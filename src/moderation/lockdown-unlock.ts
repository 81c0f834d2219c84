import { refreshCachedControls } from "../data/guild-controls-cache.ts";
import { findLockdown, type LockedChannel, recordUnlock } from "../data/moderation/index.ts";
import type { ModerationCase } from "../db/schema.ts";
import { auditReason } from "../domain/moderation/index.ts";
import type { Progress } from "../interactions/index.ts";
import type { Deps } from "../ports/index.ts";
import type { Moderator } from "./actor.ts";
import { type RestoreOutcome, restoreChannels } from "./lockdown-runner.ts";
import { postCaseToModlog } from "./modlog-post.ts";

/**
 * A moderator's unlock of `rows`: restores them, records one `unlock` case for what was
 * restored (ending, and linking, every lockdown left without live channels) and posts it.
 */
export async function unlockChannels(
  deps: Deps,
  input: {
    guildId: string;
    rows: readonly LockedChannel[];
    moderator: Moderator;
    reason: string | null;
    progress: Pick<Progress, "edit">;
  },
): Promise<{ outcome: RestoreOutcome; unlockCase: ModerationCase | null }> {
  const audit = auditReason(null, "Unlock", input.moderator, input.reason);
  const outcome = await restoreChannels(deps, input.rows, audit, input.progress);
  if (outcome.restored.length === 0) return { outcome, unlockCase: null };
  const lockdownIds = [...new Set(outcome.restored.map((r) => r.lockdownId))];
  const single =
    lockdownIds.length === 1 ? await findLockdown(deps.db, lockdownIds[0] ?? "") : null;
  const unlockCase = await recordUnlock(deps.db, {
    guildId: input.guildId,
    moderatorId: input.moderator.id,
    reason: input.reason,
    channelIds: outcome.restored.map((r) => r.channelId),
    lockdownIds,
    undoesCaseNumber: single?.caseNumber ?? null,
    now: new Date(deps.clock.now()),
  });
  // The guild's cached controls carry the next lockdown end: it may have changed.
  await refreshCachedControls(deps, [input.guildId]);
  postCaseToModlog(deps, input.guildId, unlockCase.number);
  return { outcome, unlockCase };
}
