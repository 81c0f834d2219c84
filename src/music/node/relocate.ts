import { findEntry, findPlayer } from "../../data/music/index.ts";
import { PRESET_FILTERS, playbackRate, presetOf } from "../../domain/music/filters.ts";
import { describeError } from "../../platform/logger.ts";
import type { MusicNodeContext } from "./context.ts";

/**
 * Plays the guilds of a dead audio node again on a live one (the least loaded), each from
 * where it was when the node dropped: this process's estimate from the node's last position
 * report, fresher than the saved one. Paused players come back paused; a player with nothing
 * playing only rejoins.
 */
export async function relocatePlayers(
  ctx: MusicNodeContext,
  guildIds: readonly string[],
  since: number,
): Promise<number> {
  let moved = 0;
  for (const guildId of guildIds) {
    try {
      await ctx.locks.run(guildId, async () => {
        const player = await findPlayer(ctx.db, guildId);
        if (!player?.voiceChannelId) return;
        const entry = await findEntry(ctx.db, guildId, player.currentEntryId);
        const known = ctx.playing.get(guildId);
        await ctx.audio.connect(guildId, player.voiceChannelId);
        if (!entry) return;
        const positionMs =
          known?.entryId === entry.id ? ctx.playing.estimate(guildId, since) : player.positionMs;
        await ctx.audio.play(
          guildId,
          { encoded: entry.encoded },
          {
            positionMs,
            paused: player.paused,
            volume: player.volume,
            filters: PRESET_FILTERS[presetOf(player.filter)],
          },
        );
        ctx.playing.set(guildId, {
          entryId: entry.id,
          encoded: entry.encoded,
          lengthMs: entry.isStream ? 0 : entry.lengthMs,
          paused: player.paused,
          positionMs,
          at: ctx.clock.now(),
          rate: playbackRate(presetOf(player.filter)),
        });
        ctx.positions.mark(guildId);
        moved++;
      });
    } catch (error) {
      ctx.log.error("music.relocate_failed", { guildId, error: describeError(error) });
    }
  }
  ctx.log.info("music.relocated", { guilds: moved, of: guildIds.length });
  return moved;
}
