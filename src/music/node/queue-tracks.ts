import {
  appendEntries,
  findEntry,
  findPlayer,
  keepAutoplayLast,
  lockPlayer,
  type NewQueueEntry,
  placeOf,
  updatePlayer,
} from "../../data/music/index.ts";
import type { MusicQueueEntryRow } from "../../db/schema.ts";
import { mayPlay } from "../../domain/music/control.ts";
import { MAX_QUEUE_LENGTH } from "../../domain/music/limits.ts";
import type { Database } from "../../ports/index.ts";
import type { MusicNodeContext } from "./context.ts";
import { startEntry } from "./playback.ts";

type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

/** Who asks to queue tracks, and from where. */
export interface QueueRequest {
  guildId: string;
  userId: string;
  textChannelId: string;
  /** The user's voice channel (the gateway's view when it has one). */
  userChannelId: string | null;
  canManageGuild: boolean;
}

/** Where tracks may go: the channel to play in, or why not. */
export type Admission = { ok: true; channelId: string } | { ok: false; reason: string };

/** The `/music play` rule for queueing: the user in voice, and not pulling a busy bot away. */
export async function admit(ctx: MusicNodeContext, request: QueueRequest): Promise<Admission> {
  const existing = await findPlayer(ctx.db, request.guildId);
  const botChannelId = ctx.audio.channelOf(request.guildId);
  return mayPlay({
    botChannelId,
    userChannelId: request.userChannelId,
    canManageGuild: request.canManageGuild,
    busy: botChannelId !== null && existing?.currentEntryId != null,
  });
}

/** What {@link queueTracks} did. */
export interface Queued {
  added: MusicQueueEntryRow[];
  /** Tracks past the queue's cap. */
  skipped: number;
  /** 1-based place of the first added track after the current one; 0 when it plays now. */
  place: number;
}

/**
 * Appends tracks to the guild's queue (up to its 1000-track cap) in one transaction, then
 * starts playing in `channelId` when nothing plays (the first new track, or a queue kept after
 * `/music leave`). Tracks go in the order given. `within` runs inside the same transaction
 * once they are appended (an upload moves its cursor there: appended and counted, or neither).
 */
export async function queueTracks(
  ctx: MusicNodeContext,
  request: QueueRequest,
  channelId: string,
  tracks: readonly NewQueueEntry[],
  within?: (tx: Transaction, appended: { added: number; skipped: number }) => Promise<void>,
): Promise<Queued> {
  const { guildId } = request;
  const now = ctx.clock.now();
  const queued = await ctx.db.transaction(async (tx) => {
    const player = await lockPlayer(tx, guildId);
    const { added, skipped } =
      tracks.length > 0
        ? await appendEntries(tx, guildId, tracks, MAX_QUEUE_LENGTH)
        : { added: [], skipped: 0 };
    await within?.(tx, { added: added.length, skipped });
    const first = added[0];
    const current = await findEntry(tx, guildId, player.currentEntryId);
    if (!first) return { added, skipped, place: 0, player, current, startNow: false };
    const startNow = current === null;
    // A member's tracks play before the ones autoplay picked.
    const placed =
      !startNow && (await keepAutoplayLast(tx, guildId, current.id))
        ? ((await findEntry(tx, guildId, first.id)) ?? first)
        : first;
    await updatePlayer(tx, guildId, {
      voiceChannelId: channelId,
      textChannelId: request.textChannelId,
      nodeId: ctx.nodeId,
      idleSince: null,
      ...(startNow
        ? { currentEntryId: first.id, positionMs: 0, positionAt: new Date(now), paused: false }
        : {}),
    });
    const place = startNow ? 0 : await placeOf(tx, guildId, current.id, placed);
    return { added, skipped, place, player, current: current ?? first, startNow };
  });
  const { player, current } = queued;
  if (current && queued.added.length > 0 && (queued.startNow || !ctx.audio.isPlaying(guildId))) {
    await startEntry(ctx, guildId, channelId, current, {
      positionMs: queued.startNow ? 0 : player.positionMs,
      paused: queued.startNow ? false : player.paused,
      volume: player.volume,
      filter: player.filter,
    });
  }
  return { added: queued.added, skipped: queued.skipped, place: queued.place };
}
