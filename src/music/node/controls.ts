import {
  clearEntries,
  findEntry,
  findMusicSettings,
  findPlayer,
  lockPlayer,
  updatePlayer,
} from "../../data/music/index.ts";
import { type DjSituation, mayControl } from "../../domain/music/control.ts";
import type { MusicAction, MusicJob } from "../../domain/music/job.ts";
import { formatDuration } from "../../domain/music/time.ts";
import { musicNotice, trackLine } from "../views.ts";
import type { MusicNodeContext } from "./context.ts";
import { done, type Outcome, refuse } from "./outcome.ts";
import { advance } from "./playback.ts";
import { setAutoplay, setFilter, setStay } from "./setting-controls.ts";
import { afterSpeech } from "./speak.ts";

type Control = Exclude<
  MusicAction,
  { type: "play" | "playlist_load" | "playlist_upload" | "speak" }
>;

/** Stops playback and leaves; `clear` also empties the queue (stop) rather than keeping it (leave). */
export async function leaveGuild(
  ctx: MusicNodeContext,
  guildId: string,
  clear: boolean,
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await lockPlayer(tx, guildId);
    if (clear) await clearEntries(tx, guildId);
    const playing = ctx.playing.get(guildId);
    await updatePlayer(tx, guildId, {
      voiceChannelId: null,
      idleSince: null,
      ...(clear
        ? { currentEntryId: null, positionMs: 0, paused: false }
        : playing
          ? {
              positionMs: Math.round(ctx.playing.estimate(guildId, ctx.clock.now())),
              positionAt: new Date(ctx.clock.now()),
            }
          : {}),
    });
  });
  ctx.playing.clear(guildId);
  ctx.speech.forget(guildId);
  ctx.schedule.cancelIdle(guildId);
  await ctx.audio.leave(guildId);
  ctx.announcer.refresh(guildId);
}

/** Now-playing buttons carry their track: a press that arrives after it ended does nothing. */
export const STALE_CONTROL =
  "That track already ended, so this button does nothing. Use the newest now-playing message, or `/music nowplaying`.";

/** The DJ rule as the voice-node sees it: the guild's role, the member's roles, who listens. */
async function djSituation(
  ctx: MusicNodeContext,
  job: MusicJob,
  botChannelId: string | null,
): Promise<DjSituation | undefined> {
  const { djRoleId } = await findMusicSettings(ctx.db, job.guildId);
  if (!djRoleId) return undefined;
  return {
    roleId: djRoleId,
    hasRole: job.memberRoleIds?.includes(djRoleId) ?? false,
    listeners: botChannelId
      ? ctx.voice.listenersIn(job.guildId, botChannelId, ctx.botUserId)
      : null,
  };
}

/** The controls: members of the bot's channel and Manage Server may use them. */
export async function control(
  ctx: MusicNodeContext,
  job: MusicJob,
  action: Control,
  userChannelId: string | null,
): Promise<Outcome> {
  const { guildId } = job;
  if (action.type === "stay") return setStay(ctx, job, action.on);
  const botChannelId = ctx.audio.channelOf(guildId);
  const dj = await djSituation(ctx, job, botChannelId);
  const allowed = mayControl({
    botChannelId,
    userChannelId,
    canManageGuild: job.canManageGuild,
    busy: true,
    ...(dj ? { dj } : {}),
  });
  if (!allowed.ok) return refuse(allowed.reason);
  if (job.entryId !== undefined) {
    const player = await findPlayer(ctx.db, guildId);
    if (player?.currentEntryId !== job.entryId)
      return refuse(STALE_CONTROL, "That track already ended");
  }
  const by = `<@${job.userId}>`;

  switch (action.type) {
    case "stop":
      await leaveGuild(ctx, guildId, true);
      return done({ embeds: [musicNotice("⏹ Stopped", `Cleared the queue and left, by ${by}.`)] });
    case "leave":
      await leaveGuild(ctx, guildId, false);
      return done({
        embeds: [
          musicNotice(
            "👋 Left",
            `Left the voice channel, by ${by}. The queue is kept: \`/music play\` continues it.`,
          ),
        ],
      });
    case "skip": {
      // Skipping a spoken answer skips only the answer: the queue goes on as it would have.
      const afterSpoken = ctx.speech.interrupt(guildId);
      if (afterSpoken !== null) {
        await afterSpeech(ctx, guildId, afterSpoken);
        return done({ embeds: [musicNotice("⏭ Skipped", `The spoken answer, by ${by}.`)] });
      }
      const result = await advance(ctx, guildId, "skipped");
      if (!result) return refuse("Nothing is playing.");
      const next = result.next
        ? `\nNow playing ${trackLine(result.next)}.`
        : "\nThe queue is empty now.";
      return done({
        embeds: [
          musicNotice(
            "⏭ Skipped",
            `${trackLine(result.ended as NonNullable<typeof result.ended>)} by ${by}.${next}`,
          ),
        ],
      });
    }
    case "pause":
    case "resume":
      return setPaused(ctx, guildId, action.type === "pause", by);
    case "seek":
      return seek(ctx, guildId, action.positionMs, by);
    case "volume":
      await ctx.audio.setVolume(guildId, action.level);
      await updatePlayer(ctx.db, guildId, { volume: action.level });
      ctx.announcer.refresh(guildId);
      return done({ embeds: [musicNotice("🔊 Volume", `Set to **${action.level}%** by ${by}.`)] });
    case "loop": {
      await updatePlayer(ctx.db, guildId, { loopMode: action.mode });
      const words = {
        off: "Loop is off.",
        track: "Looping the current track.",
        queue: "Looping the whole queue.",
      };
      ctx.announcer.refresh(guildId);
      return done({ embeds: [musicNotice("🔁 Loop", `${words[action.mode]} (by ${by})`)] });
    }
    case "filter":
      return setFilter(ctx, guildId, action.preset, by);
    case "autoplay":
      return setAutoplay(ctx, guildId, action.on, by);
  }
}

async function currentTrack(ctx: MusicNodeContext, guildId: string) {
  const player = await ctx.db.transaction((tx) => lockPlayer(tx, guildId));
  const entry = await findEntry(ctx.db, guildId, player.currentEntryId);
  return { player, entry };
}

async function setPaused(
  ctx: MusicNodeContext,
  guildId: string,
  paused: boolean,
  by: string,
): Promise<Outcome> {
  const { player, entry } = await currentTrack(ctx, guildId);
  if (!entry) return refuse("Nothing is playing.");
  if (player.paused === paused)
    return refuse(paused ? "The music is already paused." : "The music is not paused.");
  const now = ctx.clock.now();
  await ctx.audio.setPaused(guildId, paused);
  ctx.playing.setPaused(guildId, paused, now);
  await updatePlayer(ctx.db, guildId, {
    paused,
    positionMs: Math.round(ctx.playing.estimate(guildId, now)),
    positionAt: new Date(now),
  });
  ctx.announcer.refresh(guildId);
  return done({
    embeds: [musicNotice(paused ? "⏸ Paused" : "▶️ Resumed", `${trackLine(entry)} — by ${by}.`)],
  });
}

async function seek(
  ctx: MusicNodeContext,
  guildId: string,
  positionMs: number,
  by: string,
): Promise<Outcome> {
  const { entry } = await currentTrack(ctx, guildId);
  if (!entry) return refuse("Nothing is playing.");
  if (entry.isStream || !entry.isSeekable)
    return refuse("This track is a live stream: it cannot be seeked.");
  if (positionMs >= entry.lengthMs) {
    return refuse(`That is past the end: the track is ${formatDuration(entry.lengthMs)} long.`);
  }
  const now = ctx.clock.now();
  await ctx.audio.seek(guildId, positionMs);
  ctx.playing.sample(guildId, positionMs, now);
  await updatePlayer(ctx.db, guildId, { positionMs, positionAt: new Date(now) });
  return done({
    embeds: [
      musicNotice(
        "⏩ Seeked",
        `${trackLine(entry)} to **${formatDuration(positionMs)}** by ${by}.`,
      ),
    ],
  });
}
