import {
  appendEntries,
  findEntry,
  findPlayer,
  keepAutoplayLast,
  lengthBefore,
  lockPlayer,
  type NewQueueEntry,
  placeOf,
  updatePlayer,
} from "../../data/music/index.ts";
import type { MusicQueueEntryRow } from "../../db/schema.ts";
import { mayPlay } from "../../domain/music/control.ts";
import type { MusicJob } from "../../domain/music/job.ts";
import { MAX_QUEUE_LENGTH } from "../../domain/music/limits.ts";
import { positionAt, startsIn } from "../../domain/music/playback.ts";
import { formatDuration } from "../../domain/music/time.ts";
import { type AudioTrack, AudioUnavailableError, type LoadOutcome } from "../../ports/index.ts";
import { musicNotice, trackLine } from "../views.ts";
import type { MusicNodeContext } from "./context.ts";
import { AUDIO_UNAVAILABLE, done, type Outcome, refuse } from "./outcome.ts";
import { startEntry } from "./playback.ts";

const URL_PATTERN = /^https?:\/\//i;

function entryOf(track: AudioTrack, requestedBy: string): NewQueueEntry {
  return { ...track, requestedBy };
}

async function load(ctx: MusicNodeContext, query: string): Promise<LoadOutcome | Outcome> {
  const identifier = URL_PATTERN.test(query) ? query : `${ctx.defaultSearch}:${query}`;
  try {
    return await ctx.audio.load(identifier);
  } catch (error) {
    if (error instanceof AudioUnavailableError) return refuse(AUDIO_UNAVAILABLE);
    throw error;
  }
}

/** `/music play`: load, queue (up to 1000 in the guild), join and play if nothing plays. */
export async function play(
  ctx: MusicNodeContext,
  job: MusicJob,
  query: string,
  userChannelId: string | null,
): Promise<Outcome> {
  const { guildId } = job;
  if (!ctx.audio.available()) return refuse(AUDIO_UNAVAILABLE);
  const existing = await findPlayer(ctx.db, guildId);
  const botChannelId = ctx.audio.channelOf(guildId);
  const allowed = mayPlay({
    botChannelId,
    userChannelId,
    canManageGuild: job.canManageGuild,
    busy: botChannelId !== null && existing?.currentEntryId != null,
  });
  if (!allowed.ok) return refuse(allowed.reason);

  const loaded = await load(ctx, query);
  if ("ok" in loaded) return loaded;
  if (loaded.kind === "empty") return refuse(`No results for “${query}”.`, "Nothing found");
  if (loaded.kind === "error")
    return refuse(`I couldn't load that: ${loaded.message}`, "Couldn't load the track");
  const tracks = loaded.kind === "search" ? loaded.tracks.slice(0, 1) : loaded.tracks;

  const now = ctx.clock.now();
  const queued = await ctx.db.transaction(async (tx) => {
    const player = await lockPlayer(tx, guildId);
    const { added, skipped } = await appendEntries(
      tx,
      guildId,
      tracks.map((track) => entryOf(track, job.userId)),
      MAX_QUEUE_LENGTH,
    );
    const first = added[0];
    if (!first) return { full: true as const };
    const current = await findEntry(tx, guildId, player.currentEntryId);
    const startNow = current === null;
    // A member's tracks play before the ones autoplay picked.
    const placed =
      !startNow && (await keepAutoplayLast(tx, guildId, current.id))
        ? ((await findEntry(tx, guildId, first.id)) ?? first)
        : first;
    await updatePlayer(tx, guildId, {
      voiceChannelId: allowed.channelId,
      textChannelId: job.textChannelId,
      nodeId: ctx.nodeId,
      idleSince: null,
      ...(startNow
        ? { currentEntryId: first.id, positionMs: 0, positionAt: new Date(now), paused: false }
        : {}),
    });
    const place = startNow ? 0 : await placeOf(tx, guildId, current.id, placed);
    const before = startNow ? null : await lengthBefore(tx, guildId, current.id, placed);
    return {
      full: false as const,
      added,
      skipped,
      startNow,
      current: current ?? first,
      player,
      place,
      before,
    };
  });
  if (queued.full) {
    return refuse(`The queue is full: it holds at most ${MAX_QUEUE_LENGTH} tracks.`, "Queue full");
  }

  const { added, skipped, startNow, current, player, place, before } = queued;
  try {
    if (startNow) {
      await startEntry(ctx, guildId, allowed.channelId, current, {
        positionMs: 0,
        paused: false,
        volume: player.volume,
        filter: player.filter,
      });
    } else if (!ctx.audio.isPlaying(guildId)) {
      // A queue kept after /music leave: continue where it stopped.
      await startEntry(ctx, guildId, allowed.channelId, current, {
        positionMs: player.positionMs,
        paused: player.paused,
        volume: player.volume,
        filter: player.filter,
      });
    }
  } catch (error) {
    if (error instanceof AudioUnavailableError) return refuse(AUDIO_UNAVAILABLE);
    throw error;
  }
  // "Up next" on the now-playing message counts what was just queued.
  if (!startNow) ctx.announcer.refresh(guildId);
  return done({
    embeds: [describe(ctx, loaded, added, skipped, startNow, current, player, place, before, now)],
  });
}

function describe(
  ctx: MusicNodeContext,
  loaded: LoadOutcome,
  added: MusicQueueEntryRow[],
  skipped: number,
  startNow: boolean,
  current: MusicQueueEntryRow,
  player: { positionMs: number; positionAt: Date | null; paused: boolean },
  place: number,
  before: { lengthMs: number; streams: number } | null,
  now: number,
) {
  const first = added[0] as MusicQueueEntryRow;
  const skippedNote =
    skipped > 0
      ? `\n${skipped} track(s) skipped: the queue holds at most ${MAX_QUEUE_LENGTH}.`
      : "";
  const listName = loaded.kind === "playlist" ? loaded.name : null;
  if (startNow) {
    const rest =
      added.length > 1 ? `\n…and ${added.length - 1} more queued from **${listName}**.` : "";
    return musicNotice("🎶 Now playing", `${trackLine(first, 200)}${rest}${skippedNote}`);
  }
  const elapsed = ctx.playing.get(current.guildId)
    ? ctx.playing.estimate(current.guildId, now)
    : positionAt(player, current.lengthMs, now);
  const wait = startsIn(
    { remainingMs: Math.max(0, current.lengthMs - elapsed), isStream: current.isStream },
    before && before.streams > 0
      ? [{ lengthMs: 0, isStream: true }]
      : [{ lengthMs: before?.lengthMs ?? 0, isStream: false }],
  );
  const when = wait === null ? "after the live stream" : `starts in about ${formatDuration(wait)}`;
  if (listName) {
    return musicNotice(
      "➕ Playlist queued",
      `Queued **${added.length}** tracks from **${listName}** at #${place}, ${when}.${skippedNote}`,
    );
  }
  return musicNotice("➕ Queued", `${trackLine(first, 200)} at #${place}, ${when}.${skippedNote}`);
}
