import {
  findEntry,
  lockPlayer,
  nextEntry,
  restorablePlayers,
  updatePlayer,
} from "../../data/music/index.ts";
import { PRESET_FILTERS, playbackRate, presetOf } from "../../domain/music/filters.ts";
import { describeError } from "../../platform/logger.ts";
import type { ResumedPlayer } from "../../ports/index.ts";
import type { MusicNodeContext } from "./context.ts";

/**
 * Brings every guild with a channel and a queue back after a start or a lost Lavalink
 * session: rejoin, and play the current track from the saved position. A guild whose player
 * survived in a resumed session keeps playing (on that node); only this process's view of it
 * is rebuilt. A guild that still has a live player (on another node) is left alone, and a
 * survivor nobody claims — its guild plays elsewhere now, or stopped — is destroyed, so a
 * node that comes back never plays a second copy.
 */
export async function restorePlayers(
  ctx: MusicNodeContext,
  survivors: readonly ResumedPlayer[],
): Promise<number> {
  const rows = await restorablePlayers(ctx.db, ctx.shards);
  const claimed = new Set<ResumedPlayer>();
  let restored = 0;
  for (const row of rows) {
    if (!row.voiceChannelId) continue;
    if (ctx.audio.hasPlayer(row.guildId)) {
      const live = survivors.find(
        (p) => p.guildId === row.guildId && p.node === ctx.audio.nodeOf(row.guildId),
      );
      if (live) claimed.add(live);
      continue;
    }
    const channelId = row.voiceChannelId;
    try {
      await ctx.locks.run(row.guildId, async () => {
        // The queue is replayed from Postgres; a spoken answer in flight is not.
        ctx.speech.forget(row.guildId);
        const entry = await ctx.db.transaction(async (tx) => {
          const player = await lockPlayer(tx, row.guildId);
          const current =
            (await findEntry(tx, row.guildId, player.currentEntryId)) ??
            (await nextEntry(tx, row.guildId, null));
          if (current && current.id !== player.currentEntryId) {
            await updatePlayer(tx, row.guildId, {
              currentEntryId: current.id,
              positionMs: 0,
              idleSince: null,
            });
            return { current, positionMs: 0, player };
          }
          return current ? { current, positionMs: player.positionMs, player } : null;
        });
        if (!entry) {
          // 24/7 mode with nothing queued: be back in the channel, waiting.
          await ctx.audio.connect(row.guildId, channelId);
          await updatePlayer(ctx.db, row.guildId, { nodeId: ctx.nodeId });
          restored++;
          return;
        }
        const survivor = survivors.find(
          (p) => p.guildId === row.guildId && p.encoded === entry.current.encoded,
        );
        const now = ctx.clock.now();
        if (survivor) claimed.add(survivor);
        await ctx.audio.connect(row.guildId, channelId, survivor ? { node: survivor.node } : {});
        if (survivor) {
          await ctx.audio.adopt(row.guildId, entry.current.encoded);
        } else {
          await ctx.audio.play(
            row.guildId,
            { encoded: entry.current.encoded },
            {
              positionMs: entry.positionMs,
              paused: entry.player.paused,
              volume: entry.player.volume,
              filters: PRESET_FILTERS[presetOf(entry.player.filter)],
            },
          );
        }
        ctx.playing.set(row.guildId, {
          entryId: entry.current.id,
          encoded: entry.current.encoded,
          lengthMs: entry.current.isStream ? 0 : entry.current.lengthMs,
          paused: survivor ? survivor.paused : entry.player.paused,
          positionMs: survivor ? survivor.positionMs : entry.positionMs,
          at: now,
          rate: playbackRate(presetOf(entry.player.filter)),
        });
        ctx.announcer.refresh(row.guildId);
        await updatePlayer(ctx.db, row.guildId, { nodeId: ctx.nodeId });
        restored++;
      });
    } catch (error) {
      ctx.log.error("music.restore_failed", { guildId: row.guildId, error: describeError(error) });
    }
  }
  for (const leftover of survivors.filter((p) => !claimed.has(p))) {
    await ctx.audio.discard(leftover.node, leftover.guildId).catch((error: unknown) =>
      ctx.log.warn("music.discard_failed", {
        guildId: leftover.guildId,
        error: describeError(error),
      }),
    );
  }
  ctx.log.info("music.restored", { guilds: restored, survivors: survivors.length });
  return restored;
}
