import {
  deleteEntry,
  findEntry,
  lockPlayer,
  moveEntryToEnd,
  nextEntry,
  updatePlayer,
} from "../../data/music/index.ts";
import type { MusicQueueEntryRow } from "../../db/schema.ts";
import type { LoopMode } from "../../domain/music/job.ts";
import { afterTrackEnd, type EndReason } from "../../domain/music/playback.ts";
import type { MusicNodeContext } from "./context.ts";

/** Plays an entry on the guild's player (joined to `channelId`) and remembers it. */
export async function startEntry(
  ctx: MusicNodeContext,
  guildId: string,
  channelId: string,
  entry: MusicQueueEntryRow,
  options: { positionMs: number; paused: boolean; volume: number },
): Promise<void> {
  await ctx.audio.connect(guildId, channelId);
  await ctx.audio.play(guildId, { encoded: entry.encoded }, options);
  ctx.playing.set(guildId, {
    entryId: entry.id,
    encoded: entry.encoded,
    lengthMs: entry.isStream ? 0 : entry.lengthMs,
    paused: options.paused,
    positionMs: options.positionMs,
    at: ctx.clock.now(),
  });
  ctx.schedule.cancelIdle(guildId);
}

/** What {@link advance} did. */
export interface Advanced {
  ended: MusicQueueEntryRow | null;
  next: MusicQueueEntryRow | null;
}

/**
 * Moves a guild's queue past its current entry (per the loop mode and why it ended) and plays
 * the next one, or stops and starts the idle timer when none is left. `expected` guards against
 * a late event: nothing happens unless that entry is still the current one.
 */
export async function advance(
  ctx: MusicNodeContext,
  guildId: string,
  reason: EndReason,
  expected?: { encoded: string },
): Promise<Advanced | null> {
  const result = await ctx.db.transaction(async (tx) => {
    const player = await lockPlayer(tx, guildId);
    const ended = await findEntry(tx, guildId, player.currentEntryId);
    if (!ended || (expected && ended.encoded !== expected.encoded)) return null;
    const outcome = afterTrackEnd(player.loopMode as LoopMode, reason);
    if (outcome === "remove") await deleteEntry(tx, guildId, ended.id);
    if (outcome === "rotate") await moveEntryToEnd(tx, guildId, ended.id);
    const next =
      outcome === "repeat"
        ? ended
        : await nextEntry(tx, guildId, outcome === "rotate" ? null : ended.id);
    const now = new Date(ctx.clock.now());
    await updatePlayer(tx, guildId, {
      currentEntryId: next?.id ?? null,
      positionMs: 0,
      positionAt: now,
      paused: next ? player.paused : false,
      idleSince: next ? null : now,
    });
    return { ended, next, player };
  });
  if (!result) return null;
  const { ended, next, player } = result;
  const channelId = ctx.audio.channelOf(guildId) ?? player.voiceChannelId;
  if (next && channelId) {
    await startEntry(ctx, guildId, channelId, next, {
      positionMs: 0,
      paused: player.paused,
      volume: player.volume,
    });
  } else {
    ctx.playing.clear(guildId);
    if (reason !== "finished" && ctx.audio.isPlaying(guildId)) await ctx.audio.stop(guildId);
    ctx.schedule.idle(guildId);
  }
  return { ended, next };
}
