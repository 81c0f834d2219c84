import {
  claimRestore,
  finishRestore,
  type LockedChannel,
  liveChannels,
  markApplied,
  markFailed,
  releaseRestore,
  saveChannel,
} from "../data/moderation/index.ts";
import type { Lockdown } from "../db/schema.ts";
import {
  auditReason,
  type ChannelNote,
  type LaneController,
  type LockTarget,
  lockedOverwrite,
  mapAdaptive,
  mapBounded,
  type SavedOverwrite,
  shouldReport,
} from "../domain/moderation/index.ts";
import type { Progress } from "../interactions/index.ts";
import { describeError } from "../platform/logger.ts";
import type { Deps, MessageBody } from "../ports/index.ts";
import { DiscordRequestError } from "../ports/index.ts";
import { type Moderator, showProgress } from "./actor.ts";
import { channelsProgressBody, lockNoticeBody, unlockNoticeBody } from "./lockdown-views.ts";

/** Channels changed at once; each channel is its own rate-limit bucket on Discord. */
const CONCURRENCY = 4;
/** Restores at once outside a job (a job's run adapts its lanes to the rate limits instead). */
const RESTORE_CONCURRENCY = 4;
const REPORT_EVERY = 5;

/** What locking a set of channels did. */
export interface LockOutcome {
  locked: string[];
  failed: ChannelNote[];
  /** Already locked, or never started because the run was out of time; nothing changed. */
  skipped: ChannelNote[];
}

const now = (deps: Deps) => new Date(deps.clock.now());
const detailOf = (error: unknown) =>
  error instanceof DiscordRequestError ? `Discord: ${error.detail}` : "unexpected error";

const UNKNOWN_CHANNEL = 10003;

/**
 * Puts the saved @everyone overwrite back exactly, or deletes it if there was none. A channel
 * deleted meanwhile has nothing left to restore.
 */
export async function restoreOverwrite(
  deps: Deps,
  guildId: string,
  channelId: string,
  saved: SavedOverwrite,
  reason: string,
): Promise<void> {
  try {
    if (saved === null) await deps.discord.channels.deleteOverwrite(channelId, guildId, reason);
    else await deps.discord.channels.putRoleOverwrite(channelId, guildId, saved, reason);
  } catch (error) {
    if (error instanceof DiscordRequestError && error.code === UNKNOWN_CHANNEL) return;
    throw error;
  }
}

async function postNotice(deps: Deps, channelId: string, body: MessageBody) {
  try {
    return await deps.discord.channels.createMessage(channelId, body);
  } catch (error) {
    deps.log.warn("lockdown.notice_failed", { channel_id: channelId, error: describeError(error) });
    return null;
  }
}

/**
 * Locks one channel: save the overwrite (committed before anything changes), post the notice
 * while Chopsticks can still write there, deny the lock bits, mark it applied. A refusal from
 * Discord changed nothing and is recorded as failed; a call with no answer may have changed the
 * channel, so its row stays live and unlock restores it.
 */
export type LockResult = { kind: "locked" } | { kind: "skipped" | "failed"; note: ChannelNote };

/**
 * A channel that already has a live row: locked by another lockdown (skipped), or by this one
 * in a run that was cut off after saving it (its PUT may or may not have happened: sending
 * the same locked overwrite again is harmless, and the notice is not posted twice).
 */
async function resumeChannel(
  deps: Deps,
  lockdown: Lockdown,
  target: LockTarget,
  audit: string,
): Promise<LockResult> {
  const [live] = await liveChannels(deps.db, lockdown.guildId, { channelId: target.id });
  if (!live || live.lockdownId !== lockdown.id)
    return { kind: "skipped", note: { id: target.id, reason: "already locked" } };
  if (live.state === "applied") return { kind: "locked" };
  try {
    await deps.discord.channels.putRoleOverwrite(
      target.id,
      lockdown.guildId,
      lockedOverwrite(live.savedOverwrite),
      audit,
    );
  } catch (error) {
    if (!(error instanceof DiscordRequestError)) throw error;
    return { kind: "failed", note: { id: target.id, reason: detailOf(error) } };
  }
  if (!(await markApplied(deps.db, live.id))) {
    await restoreOverwrite(deps, lockdown.guildId, target.id, live.savedOverwrite, audit);
    return {
      kind: "failed",
      note: { id: target.id, reason: "unlocked while it was being locked" },
    };
  }
  return { kind: "locked" };
}

/** Locks one channel (see above); resumable after a cut-off run. */
export async function lockChannel(
  deps: Deps,
  lockdown: Lockdown,
  target: LockTarget,
  audit: string,
): Promise<LockResult> {
  const row = await saveChannel(deps.db, {
    lockdownId: lockdown.id,
    guildId: lockdown.guildId,
    channelId: target.id,
    saved: target.saved,
    now: now(deps),
  });
  if (!row) return resumeChannel(deps, lockdown, target, audit);
  const noticeId = await postNotice(
    deps,
    target.id,
    lockNoticeBody(lockdown.reason, lockdown.expiresAt),
  );
  try {
    await deps.discord.channels.putRoleOverwrite(
      target.id,
      lockdown.guildId,
      lockedOverwrite(target.saved),
      audit,
    );
  } catch (error) {
    if (!(error instanceof DiscordRequestError)) throw error;
    if (noticeId) await deleteNotice(deps, target.id, noticeId);
    if (error.status >= 400 && error.status < 500) await markFailed(deps.db, row.id, error.detail);
    return { kind: "failed", note: { id: target.id, reason: detailOf(error) } };
  }
  if (!(await markApplied(deps.db, row.id))) {
    // An unlock restored the row between our save and our PUT: undo our PUT too.
    await restoreOverwrite(deps, lockdown.guildId, target.id, target.saved, audit);
    return {
      kind: "failed",
      note: { id: target.id, reason: "unlocked while it was being locked" },
    };
  }
  return { kind: "locked" };
}

async function deleteNotice(deps: Deps, channelId: string, messageId: string): Promise<void> {
  try {
    await deps.discord.channels.deleteMessage(channelId, messageId);
  } catch (error) {
    deps.log.warn("lockdown.notice_delete_failed", {
      channel_id: channelId,
      error: describeError(error),
    });
  }
}

/**
 * Locks `targets` for `lockdown`, showing progress every few channels. Channels not started
 * by `deadline` are left alone and reported, so the run ends inside the platform's time limit.
 */
export async function lockChannels(
  deps: Deps,
  lockdown: Lockdown,
  targets: readonly LockTarget[],
  moderator: Moderator,
  progress: Pick<Progress, "edit">,
  deadline: number,
): Promise<LockOutcome> {
  const audit = auditReason(lockdown.caseNumber, "Lockdown", moderator, lockdown.reason);
  const outcome: LockOutcome = { locked: [], failed: [], skipped: [] };
  let done = 0;
  await mapBounded(targets, CONCURRENCY, async (target) => {
    const result: LockResult =
      deps.clock.now() > deadline
        ? {
            kind: "skipped",
            note: { id: target.id, reason: "not reached in time: run the lockdown again" },
          }
        : await lockChannel(deps, lockdown, target, audit);
    if (result.kind === "locked") outcome.locked.push(target.id);
    else if (result.kind === "skipped") outcome.skipped.push(result.note);
    else outcome.failed.push(result.note);
    done++;
    if (
      targets.length > 1 &&
      shouldReport(done, targets.length, REPORT_EVERY) &&
      done < targets.length
    )
      await showProgress(deps, progress, channelsProgressBody("Locking", done, targets.length));
  });
  const order = new Map(targets.map((t, i) => [t.id, i]));
  outcome.locked.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  return outcome;
}

/** What restoring a set of rows did. */
export interface RestoreOutcome {
  restored: LockedChannel[];
  failed: ChannelNote[];
  /** Rows another run was restoring at that moment (it records them). */
  busy: LockedChannel[];
}

/** How one restore run works: its lanes (a job's) and the name its claims go by. */
export interface RestoreRun {
  /** A job's adaptive lanes; without, a fixed few at once. */
  lanes?: LaneController;
  /** The claim owner: a job's id lets its resumed run take its own claims back at once. */
  owner?: string;
}

type RowResult = "restored" | "busy" | ChannelNote;

/**
 * Restores one row under a claim (no row lock or pooled connection is held across the Discord
 * call): rows another run is restoring are left to it; a failed call gives the claim back.
 */
async function restoreRow(
  deps: Deps,
  row: LockedChannel,
  audit: string,
  owner: string,
): Promise<RowResult> {
  const claimed = await claimRestore(deps.db, {
    rowId: row.id,
    owner,
    leaseMs: deps.config.MODERATION_LEASE_MS,
  });
  if (!claimed) return "busy";
  try {
    await restoreOverwrite(deps, claimed.guildId, claimed.channelId, claimed.savedOverwrite, audit);
  } catch (error) {
    await releaseRestore(deps.db, { rowId: row.id, owner });
    if (!(error instanceof DiscordRequestError)) throw error;
    return { id: row.channelId, reason: detailOf(error) };
  }
  if (!(await finishRestore(deps.db, { rowId: row.id, owner, now: now(deps) }))) return "busy";
  await postNotice(deps, row.channelId, unlockNoticeBody());
  return "restored";
}

/**
 * Restores each row's saved overwrite (see {@link restoreRow}), then posts an "unlocked"
 * notice. Rows whose restore failed stay live for a retry.
 */
export async function restoreChannels(
  deps: Deps,
  rows: readonly LockedChannel[],
  audit: string,
  progress: Pick<Progress, "edit"> | null,
  run: RestoreRun = {},
): Promise<RestoreOutcome> {
  const outcome: RestoreOutcome = { restored: [], failed: [], busy: [] };
  const owner = run.owner ?? `restore:${deps.random.uuid()}`;
  let done = 0;
  const work = async (row: LockedChannel) => {
    const result = await restoreRow(deps, row, audit, owner);
    if (result === "restored") outcome.restored.push(row);
    else if (result === "busy") outcome.busy.push(row);
    else outcome.failed.push(result);
    done++;
    if (
      progress &&
      rows.length > 1 &&
      shouldReport(done, rows.length, REPORT_EVERY) &&
      done < rows.length
    )
      await showProgress(deps, progress, channelsProgressBody("Unlocking", done, rows.length));
  };
  if (run.lanes) await mapAdaptive(rows, run.lanes, () => deps.discord.pressure.held(), work);
  else await mapBounded(rows, RESTORE_CONCURRENCY, work);
  const order = new Map(rows.map((r, i) => [r.id, i]));
  outcome.restored.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return outcome;
}
