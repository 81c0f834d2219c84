import {
  findEntry,
  findPlayer,
  lockPlayer,
  playedTracks,
  updateMusicSettings,
  updatePlayer,
} from "../../data/music/index.ts";
import { type FilterPreset, PRESET_FILTERS, playbackRate } from "../../domain/music/filters.ts";
import type { MusicJob } from "../../domain/music/job.ts";
import { AudioRequestError } from "../../ports/index.ts";
import { musicNotice, trackLine } from "../views.ts";
import { queueRelated } from "./autoplay.ts";
import type { MusicNodeContext } from "./context.ts";
import { done, type Outcome, refuse } from "./outcome.ts";
import { startEntry } from "./playback.ts";

/** `/music filter`: Lavalink applies it to the playing track, which plays on where it is. */
export async function setFilter(
  ctx: MusicNodeContext,
  guildId: string,
  preset: FilterPreset,
  by: string,
): Promise<Outcome> {
  const now = ctx.clock.now();
  try {
    await ctx.audio.setFilters(guildId, PRESET_FILTERS[preset]);
  } catch (error) {
    if (error instanceof AudioRequestError)
      return refuse(`The audio server refused the ${preset} filter, so nothing changed.`);
    throw error;
  }
  ctx.playing.setRate(guildId, playbackRate(preset), now);
  await updatePlayer(ctx.db, guildId, { filter: preset });
  ctx.announcer.refresh(guildId);
  const player = await findPlayer(ctx.db, guildId);
  const entry = player ? await findEntry(ctx.db, guildId, player.currentEntryId) : null;
  const on = entry ? ` on ${trackLine(entry)}` : "";
  return done({
    embeds: [
      musicNotice(
        "🎛 Filter",
        preset === "off" ? `Filters off${on}, by ${by}.` : `**${preset}**${on}, by ${by}.`,
      ),
    ],
  });
}

/** `/music stay on|off` (Manage Server): 24/7 mode. */
export async function setStay(ctx: MusicNodeContext, job: MusicJob, on: boolean): Promise<Outcome> {
  if (!job.canManageGuild) return refuse("24/7 mode needs the Manage Server permission.");
  const { guildId } = job;
  await updateMusicSettings(ctx.db, guildId, { stay: on });
  const channelId = ctx.audio.channelOf(guildId);
  if (on) {
    ctx.schedule.cancelIdle(guildId);
  } else if (channelId) {
    // Back to normal: the usual timers apply from now on.
    const player = await findPlayer(ctx.db, guildId);
    if (!player?.currentEntryId) ctx.schedule.idle(guildId);
    ctx.schedule.checkAlone(guildId);
  }
  const where = channelId ? ` in <#${channelId}>` : "";
  return done({
    embeds: [
      musicNotice(
        on ? "🌙 24/7 mode on" : "🌙 24/7 mode off",
        on
          ? `I'll stay${where} even when the queue ends or everyone leaves, and come back after a restart (by <@${job.userId}>).`
          : `I'll leave again after 5 minutes without music or 2 minutes alone (by <@${job.userId}>).`,
      ),
    ],
  });
}

/** `/music autoplay on|off`; turned on while idle, it starts from the last track played. */
export async function setAutoplay(
  ctx: MusicNodeContext,
  guildId: string,
  on: boolean,
  by: string,
): Promise<Outcome> {
  await updateMusicSettings(ctx.db, guildId, { autoplay: on });
  let started = "";
  const channelId = ctx.audio.channelOf(guildId);
  if (on && channelId) {
    const player = await ctx.db.transaction((tx) => lockPlayer(tx, guildId));
    const [last] = player.currentEntryId
      ? []
      : await playedTracks(ctx.db, guildId, { offset: 0, limit: 1 });
    const next = last ? await queueRelated(ctx, guildId, last) : null;
    if (next) {
      await startEntry(ctx, guildId, channelId, next, {
        positionMs: 0,
        paused: false,
        volume: player.volume,
        filter: player.filter,
      });
      started = `\nNow playing ${trackLine(next)}.`;
    }
  }
  return done({
    embeds: [
      musicNotice(
        on ? "📻 Autoplay on" : "📻 Autoplay off",
        on
          ? `When the queue runs out I'll queue related tracks (up to 10 ahead), by ${by}.${started}`
          : `The music stops when the queue runs out, by ${by}.`,
      ),
    ],
  });
}
