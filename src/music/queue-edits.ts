import {
  clearUpcoming,
  findEntry,
  lockPlayer,
  removeUpcoming,
  reorderEntries,
  upcomingIds,
} from "../data/music/index.ts";
import type { MusicQueueEntryRow } from "../db/schema.ts";
import {
  moved,
  moveSpan,
  pushSnapshot,
  removalSpan,
  restoreOrder,
  shuffleOrder,
} from "../domain/music/queue-edit.ts";
import { UserError } from "../interactions/errors.ts";
import type { Deps } from "../ports/index.ts";
import { ShuffleSnapshots } from "./shuffle-snapshots.ts";

// Each edit is one transaction holding the guild's player lock, so concurrent edits (from the
// edge or the voice-node) run one after another and none can lose another's track.

type EditDeps = Pick<Deps, "db" | "store" | "config" | "random" | "clock">;

const refuse = (message: string, title = "Can't do that"): never => {
  throw new UserError(message, title);
};

/** What a shuffle did. */
export interface Shuffled {
  count: number;
  /** Whether the previous order was saved for `/music unshuffle`. */
  undoable: boolean;
}

/** Saves the upcoming order as a snapshot (best effort), then shuffles it. */
export async function shuffleQueue(deps: EditDeps, guildId: string): Promise<Shuffled> {
  const snapshots = new ShuffleSnapshots(deps);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const player = await lockPlayer(tx, guildId);
    const ids = await upcomingIds(tx, guildId, player.currentEntryId);
    if (ids.length < 2)
      refuse("There is nothing to shuffle: it takes at least 2 tracks waiting.", "Nothing to do");
    const kept = await snapshots.list(guildId, now);
    const undoable =
      kept !== null && (await snapshots.save(guildId, pushSnapshot(kept, { at: now, ids })));
    await reorderEntries(tx, guildId, shuffleOrder(ids, deps.random));
    return { count: ids.length, undoable };
  });
}

/** What an unshuffle did. */
export interface Unshuffled {
  restored: number;
  /** Tracks of the snapshot that were played or removed since. */
  gone: number;
  /** Tracks added since, kept at the end. */
  added: number;
  /** Snapshots still left to undo. */
  left: number;
}

/** Restores the latest snapshot; nothing changes without one (or without Redis). */
export async function unshuffleQueue(deps: EditDeps, guildId: string): Promise<Unshuffled> {
  const snapshots = new ShuffleSnapshots(deps);
  return deps.db.transaction(async (tx) => {
    const player = await lockPlayer(tx, guildId);
    const kept = await snapshots.list(guildId, deps.clock.now());
    if (kept === null) {
      return refuse(
        "I can't undo a shuffle right now: the cache that keeps shuffle snapshots is unavailable. The queue is unchanged.",
        "Undo unavailable",
      );
    }
    const [latest, ...older] = kept;
    if (!latest) {
      return refuse(
        "There is no shuffle to undo. I keep the last 5 shuffles of a server for 24 hours.",
        "Nothing to undo",
      );
    }
    const ids = await upcomingIds(tx, guildId, player.currentEntryId);
    const order = restoreOrder(latest.ids, ids);
    await reorderEntries(tx, guildId, order);
    await snapshots.save(guildId, older);
    const waiting = new Set(ids);
    const gone = latest.ids.filter((id) => !waiting.has(id)).length;
    return {
      restored: order.length,
      gone,
      added: order.length - (latest.ids.length - gone),
      left: older.length,
    };
  });
}

/** Removes the upcoming tracks at places `from`..`to` (1-based). */
export async function removeFromQueue(
  deps: EditDeps,
  guildId: string,
  from: number,
  to: number | null,
): Promise<MusicQueueEntryRow[]> {
  return deps.db.transaction(async (tx) => {
    const player = await lockPlayer(tx, guildId);
    const ids = await upcomingIds(tx, guildId, player.currentEntryId);
    const span = removalSpan(from, to, ids.length);
    if (!span.ok) return refuse(span.reason, "Out of range");
    return removeUpcoming(tx, guildId, player.currentEntryId, span.from, span.to);
  });
}

/** Moves the upcoming track at place `from` to place `to` (1-based); returns it. */
export async function moveInQueue(
  deps: EditDeps,
  guildId: string,
  from: number,
  to: number,
): Promise<MusicQueueEntryRow> {
  return deps.db.transaction(async (tx) => {
    const player = await lockPlayer(tx, guildId);
    const ids = await upcomingIds(tx, guildId, player.currentEntryId);
    const span = moveSpan(from, to, ids.length);
    if (!span.ok) return refuse(span.reason, "Out of range");
    await reorderEntries(tx, guildId, moved(ids, span.from, span.to));
    const entry = await findEntry(tx, guildId, ids[span.from - 1] ?? null);
    if (!entry) throw new Error("moved queue entry vanished inside its transaction");
    return entry;
  });
}

/** Removes every upcoming track, keeping the current one; returns how many went. */
export async function clearQueue(deps: EditDeps, guildId: string): Promise<number> {
  return deps.db.transaction(async (tx) => {
    const player = await lockPlayer(tx, guildId);
    const removed = await clearUpcoming(tx, guildId, player.currentEntryId);
    if (removed === 0)
      refuse("The queue is already empty after the current track.", "Nothing to do");
    return removed;
  });
}
