import { findEntry, findPlayer } from "../../data/music/index.ts";
import { COLORS } from "../../interactions/responses.ts";
import { describeError } from "../../platform/logger.ts";
import type { AudioEvents, ResumedPlayer, TrackEndReason } from "../../ports/index.ts";
import { musicNotice, trackLine } from "../views.ts";
import type { MusicNodeContext } from "./context.ts";
import { advance } from "./playback.ts";
import { relocatePlayers } from "./relocate.ts";
import { speechEnded } from "./speak.ts";

/** Track ends that move the queue (stopped/replaced/cleanup are our own doing). */
const ADVANCING: Partial<Record<TrackEndReason, "finished" | "failed">> = {
  finished: "finished",
  loadFailed: "failed",
};

/**
 * Reacts to what Lavalink reports: finished tracks advance the queue, failures are announced in
 * the text channel (the interaction token may be long dead) and skipped, positions are saved.
 */
export function audioEvents(
  ctx: MusicNodeContext,
  onSessionReady: (resumed: boolean, players: readonly ResumedPlayer[]) => Promise<void>,
): AudioEvents {
  const guarded = (guildId: string, event: string, work: () => Promise<unknown>) => {
    void ctx.locks
      .run(guildId, work)
      .catch((error: unknown) => ctx.log.error(event, { guildId, error: describeError(error) }));
  };
  const announce = async (guildId: string, title: string, text: string) => {
    const player = await findPlayer(ctx.db, guildId);
    if (!player?.textChannelId) return;
    await ctx.discord.channels.createMessage(player.textChannelId, {
      embeds: [musicNotice(title, text, COLORS.warning)],
    });
  };

  return {
    trackEnd(guildId, encoded, reason) {
      if (ctx.speech.isSpeaking(guildId, encoded)) {
        // Replaced or stopped by a control, which decided what follows; otherwise go on.
        if (reason === "finished" || reason === "loadFailed")
          guarded(guildId, "music.speech_end_failed", () => speechEnded(ctx, guildId, encoded));
        return;
      }
      const why = ADVANCING[reason];
      if (!why) return;
      guarded(guildId, "music.track_end_failed", () => advance(ctx, guildId, why, { encoded }));
    },
    trackException(guildId, encoded, message) {
      ctx.metrics.trackException();
      guarded(guildId, "music.track_exception_failed", async () => {
        const playing = ctx.playing.get(guildId);
        if (playing?.encoded !== encoded) return;
        const entry = await findEntry(ctx.db, guildId, playing.entryId);
        await announce(
          guildId,
          "⚠️ Track failed",
          `${entry ? trackLine(entry) : "The track"} could not be played (${message}). Skipping to the next track.`,
        );
      });
    },
    trackStuck(guildId, encoded) {
      ctx.metrics.trackException();
      if (ctx.speech.isSpeaking(guildId, encoded)) {
        guarded(guildId, "music.speech_end_failed", () => speechEnded(ctx, guildId, encoded));
        return;
      }
      guarded(guildId, "music.track_stuck_failed", async () => {
        const result = await advance(ctx, guildId, "failed", { encoded });
        if (result?.ended) {
          await announce(
            guildId,
            "⚠️ Track stuck",
            `${trackLine(result.ended)} stopped sending audio. Skipped it.`,
          );
        }
      });
    },
    position(guildId, positionMs, at) {
      if (ctx.playing.sample(guildId, positionMs, at)) ctx.positions.mark(guildId);
    },
    playersLost(node, guildIds, since) {
      ctx.log.warn("music.players_lost", { node, guilds: guildIds.length });
      void relocatePlayers(ctx, guildIds, since);
    },
    sessionReady(_node, resumed, players) {
      void onSessionReady(resumed, players).catch((error: unknown) =>
        ctx.log.error("music.session_ready_failed", { error: describeError(error) }),
      );
    },
  };
}
