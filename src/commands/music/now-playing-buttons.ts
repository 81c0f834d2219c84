import { InteractionResponseType, MessageFlags } from "discord-api-types/v10";
import { findPlayer } from "../../data/music/players.ts";
import { LOOP_MODES, type LoopMode, type MusicAction } from "../../domain/music/job.ts";
import { ephemeral, errorBody } from "../../interactions/index.ts";
import type { ComponentContext, HandlerResult } from "../../interactions/types.ts";
import { checkMusicAccess, musicGuildOf } from "../../music/access.ts";
import { enqueueMusicJob } from "../../music/enqueue.ts";
import { NOW_PLAYING_ACTIONS, type NowPlayingAction } from "../../music/now-playing-card.ts";
import { shuffleQueue } from "../../music/queue-edits.ts";
import { nowPlayingMessage } from "../../music/queue-view.ts";
import { prepareMusicJob } from "../../music/request.ts";
import { musicNotice, quietly } from "../../music/views.ts";

const isAction = (value: string | undefined): value is NowPlayingAction =>
  (NOW_PLAYING_ACTIONS as readonly (string | undefined)[]).includes(value);

const nextLoop = (mode: string): LoopMode =>
  LOOP_MODES[(LOOP_MODES.indexOf(mode as LoopMode) + 1) % LOOP_MODES.length] ?? "off";

const STALE = errorBody(
  "That track already ended",
  "This now-playing message is about a track that is no longer playing, so its buttons do nothing. Use the newest now-playing message, or `/music nowplaying`.",
);

/**
 * A button under a now-playing message (`music:np:<action>:<entry id>`). It acts only while
 * that entry is still the current track, under the same rules as the commands; controls go to
 * the voice-node like the commands do, and the presser gets a private answer.
 */
export async function nowPlayingPress(ctx: ComponentContext): Promise<HandlerResult> {
  const [action, rawEntry] = ctx.args;
  const entryId = Number(rawEntry);
  if (!isAction(action) || !Number.isSafeInteger(entryId) || entryId <= 0)
    return ephemeral(errorBody("Unknown button", "This button is no longer supported."));
  const guildId = musicGuildOf(ctx);
  const player = await findPlayer(ctx.deps.db, guildId);
  if (!player?.voiceChannelId || player.currentEntryId !== entryId) return ephemeral(STALE);

  if (action === "progress") {
    const body = await nowPlayingMessage(ctx.deps.db, guildId, ctx.deps.clock.now());
    return ephemeral(body ?? STALE);
  }
  if (action === "shuffle") {
    await checkMusicAccess(ctx, "control");
    const result = await shuffleQueue(ctx.deps, guildId);
    return ephemeral(
      quietly(
        musicNotice(
          "🔀 Shuffled",
          `${result.count} tracks. ${result.undoable ? "`/music unshuffle` puts them back." : "Undo is unavailable right now."}`,
        ),
      ),
    );
  }
  const control: MusicAction =
    action === "pause"
      ? { type: player.paused ? "resume" : "pause" }
      : action === "loop"
        ? { type: "loop", mode: nextLoop(player.loopMode) }
        : { type: action };
  const job = await prepareMusicJob(ctx, control, { entryId });
  await enqueueMusicJob(ctx.deps.jobs, job, ctx.deps.config.VOICE_SHARD_COUNT);
  // A private "thinking…" the voice-node edits with the outcome; the message keeps its buttons.
  return {
    type: InteractionResponseType.DeferredChannelMessageWithSource,
    data: { flags: MessageFlags.Ephemeral },
  };
}
