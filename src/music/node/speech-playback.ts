import { findPlayer } from "../../data/music/index.ts";
import { PRESET_FILTERS } from "../../domain/music/filters.ts";
import type { MusicNodeContext } from "./context.ts";
import type { AfterSpeech, Speech } from "./speech-interludes.ts";

/**
 * Plays a speech track in `channelId` now, at the player's volume and without the music's
 * filter (a nightcore voice is no answer). Position reports stop counting for the queue's
 * entry meanwhile: its saved position is where the queue goes on.
 */
export async function playSpeech(
  ctx: MusicNodeContext,
  guildId: string,
  channelId: string,
  speech: Speech,
  after: AfterSpeech,
): Promise<void> {
  const player = await findPlayer(ctx.db, guildId);
  ctx.playing.clear(guildId);
  ctx.schedule.cancelIdle(guildId);
  ctx.speech.started(guildId, speech, after);
  await ctx.audio.connect(guildId, channelId);
  await ctx.audio.play(
    guildId,
    { encoded: speech.encoded },
    { positionMs: 0, paused: false, volume: player?.volume ?? 100, filters: PRESET_FILTERS.off },
  );
}
