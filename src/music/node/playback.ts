import {
  deleteEntry,
  findEntry,
  findMusicSettings,
  lockPlayer,
  moveEntryToEnd,
  nextEntry,
  recordPlayed,
  updatePlayer,
} from "../../data/music/index.ts";
import type { MusicQueueEntryRow } from "../../db/schema.ts";
import { PRESET_FILTERS, playbackRate, presetOf } from "../../domain/music/filters.ts";
import type { LoopMode } from "../../domain/music/job.ts";
import { afterTrackEnd, type EndReason } from "../../domain/music/playback.ts";
import { queueRelated } from "./autoplay.ts";
import type { MusicNodeContext } from "./context.ts";
import { playSpeech } from "./speech-playback.ts";

/** How an entry starts: where, paused or not, how loud, with which filter preset. */
export interface StartOptions {
  positionMs: number;
  paused: boolean;
  volume: number;
  /** The player's `/music filter` preset (re-sent so a new player or node gets it too). */
  filter?: string;
}

/** Plays an entry on the guild's player (joined to `channelId`) and remembers it. */
export async function startEntry(
  ctx: MusicNodeContext,
  guildId: string,
  channelId: string,
  entry: MusicQueueEntryRow,
  options: StartOptions,
): Promise<void> {
  const preset = presetOf(options.filter);
  await ctx.audio.connect(guildId, channelId);
  await ctx.audio.play(
    guildId,
    { encoded: entry.encoded },
    {
      positionMs: options.positionMs,
      paused: options.paused,
      volume: options.volume,
      filters: PRESET_FILTERS[preset],
    },
  );
  ctx.playing.set(guildId, {
    entryId: entry.id,
    encoded: entry.encoded,
    lengthMs: entry.isStream ? 0 : entry.lengthMs,
    paused: options.paused,
    positionMs: options.positionMs,
    at: ctx.clock.now(),
    rate: playbackRate(preset),
  });
  ctx.schedule.cancelIdle(guildId);
  ctx.announcer.refresh(guildId);
}

/** What {@link advance} did. */
export interface Advanced {
  ended: MusicQueueEntryRow | null;
  next: MusicQueueEntryRow | null;
}

/**
 * Moves a guild's queue past its current entry (per the loop mode and why it ended) and plays
 * the next one; when none is left, autoplay queues related tracks if it is on, otherwise the
 * player stops and the idle timer starts. `expected` guards against a late event: nothing
 * happens unless that entry is still the current one.
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
    const now = new Date(ctx.clock.now());
    if (reason !== "failed") await recordPlayed(tx, guildId, ended, now);
    const outcome = afterTrackEnd(player.loopMode as LoopMode, reason);
    if (outcome === "remove") await deleteEntry(tx, guildId, ended.id);
    if (outcome === "rotate") await moveEntryToEnd(tx, guildId, ended.id);
    const next =
      outcome === "repeat"
        ? ended
        : await nextEntry(tx, guildId, outcome === "rotate" ? null : ended.id);
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
  const { ended, player } = result;
  let { next } = result;
  const channelId = ctx.audio.channelOf(guildId) ?? player.voiceChannelId;
  if (!next && channelId && (await findMusicSettings(ctx.db, guildId)).autoplay) {
    next = await queueRelated(ctx, guildId, ended);
  }
  // A spoken answer waits for exactly this moment; the queue's next entry then waits for it.
  const speech = channelId ? ctx.speech.takePending(guildId) : undefined;
  if (speech && channelId) {
    await playSpeech(ctx, guildId, channelId, speech, next ? "continue" : "idle");
    ctx.announcer.refresh(guildId);
  } else if (next && channelId) {
    await startEntry(ctx, guildId, channelId, next, {
      positionMs: 0,
      paused: next === result.next ? player.paused : false,
      volume: player.volume,
      filter: player.filter,
    });
  } else {
    ctx.playing.clear(guildId);
    if (reason !== "finished" && ctx.audio.isPlaying(guildId)) await ctx.audio.stop(guildId);
    ctx.schedule.idle(guildId);
    ctx.announcer.refresh(guildId);
  }
  return { ended, next };
}
