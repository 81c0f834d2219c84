import { findEntry, findPlayer, updatePlayer } from "../../data/music/index.ts";
import type { MusicJob } from "../../domain/music/job.ts";
import { AudioUnavailableError } from "../../ports/index.ts";
import { musicNotice } from "../views.ts";
import type { MusicNodeContext } from "./context.ts";
import { AUDIO_UNAVAILABLE, done, type Outcome, refuse } from "./outcome.ts";
import { startEntry } from "./playback.ts";
import { admit } from "./queue-tracks.ts";
import { type AfterSpeech, MAX_PENDING_SPEECHES } from "./speech-interludes.ts";
import { playSpeech } from "./speech-playback.ts";

/**
 * How a spoken answer went on the voice-node, as counted in
 * `chopsticks_voice_llm_requests_total{outcome}` (with the edge's `queued`, `llm_error`,
 * `voice_unavailable`): `ok` spoken now or right after the current track; the rest failed.
 */
export const VOICE_NODE_SPEECH_OUTCOMES = [
  "ok",
  "tts_failed",
  "refused",
  "audio_unavailable",
  "error",
] as const;
export type VoiceNodeSpeechOutcome = (typeof VOICE_NODE_SPEECH_OUTCOMES)[number];

function counted(
  ctx: MusicNodeContext,
  guildId: string,
  outcome: VoiceNodeSpeechOutcome,
  result: Outcome,
) {
  ctx.metrics.voiceLlmRequest?.(outcome);
  ctx.log.info("music.speech", { guildId, outcome });
  return result;
}

/**
 * `/ai voice`'s job: loads the answer as a TTS track and speaks it in the asker's channel,
 * right after the current track, or at once when nothing plays (a paused track waits, and
 * goes on paused where it was). The queue itself is never touched.
 */
export async function speak(
  ctx: MusicNodeContext,
  job: MusicJob,
  identifier: string,
  userChannelId: string | null,
): Promise<Outcome> {
  try {
    return await speakOrRefuse(ctx, job, identifier, userChannelId);
  } catch (error) {
    if (error instanceof AudioUnavailableError)
      return counted(ctx, job.guildId, "audio_unavailable", refuse(AUDIO_UNAVAILABLE));
    ctx.metrics.voiceLlmRequest?.("error");
    throw error;
  }
}

async function speakOrRefuse(
  ctx: MusicNodeContext,
  job: MusicJob,
  identifier: string,
  userChannelId: string | null,
): Promise<Outcome> {
  const { guildId } = job;
  if (!ctx.audio.available())
    return counted(ctx, guildId, "audio_unavailable", refuse(AUDIO_UNAVAILABLE));
  const allowed = await admit(ctx, { ...job, userChannelId });
  if (!allowed.ok)
    return counted(ctx, guildId, "refused", refuse(allowed.reason, "Can't speak there"));
  const loaded = await ctx.audio.load(identifier);
  const track = loaded.kind === "track" ? loaded.tracks[0] : undefined;
  if (!track) {
    const why = loaded.kind === "error" ? ` (${loaded.message})` : "";
    return counted(
      ctx,
      guildId,
      "tts_failed",
      refuse(
        `The answer is above as text, but it could not be turned into speech${why}.`,
        "Couldn't speak the answer",
      ),
    );
  }
  const speech = { encoded: track.encoded, lengthMs: track.lengthMs };
  const channelId = allowed.channelId;
  const playing = ctx.playing.get(guildId);
  const inTheMiddle =
    ctx.speech.current(guildId) !== undefined ||
    (playing !== undefined &&
      !playing.paused &&
      playing.lengthMs > 0 &&
      ctx.audio.isPlaying(guildId));
  if (inTheMiddle) {
    if (!ctx.speech.enqueue(guildId, speech)) {
      return counted(
        ctx,
        guildId,
        "refused",
        refuse(
          `${MAX_PENDING_SPEECHES} answers are already waiting to be spoken here. Try again in a moment.`,
          "Too many answers waiting",
        ),
      );
    }
    return counted(
      ctx,
      guildId,
      "ok",
      done({ embeds: [musicNotice("🗣️ Answer queued", "It is spoken after the current track.")] }),
    );
  }
  // A paused track (or a live stream) goes on from where it is once the answer is spoken.
  const after: AfterSpeech = playing && ctx.audio.isPlaying(guildId) ? "continue" : "idle";
  if (after === "continue" && playing) {
    const now = ctx.clock.now();
    await updatePlayer(ctx.db, guildId, {
      positionMs: Math.round(ctx.playing.estimate(guildId, now)),
      positionAt: new Date(now),
    });
  }
  await playSpeech(ctx, guildId, channelId, speech, after);
  return counted(
    ctx,
    guildId,
    "ok",
    done({ embeds: [musicNotice("🗣️ Speaking", `The answer is spoken in <#${channelId}>.`)] }),
  );
}

/**
 * A speech ended (or was skipped): the next waiting speech plays, otherwise the queue goes on
 * as {@link AfterSpeech} says — its current entry from the saved position, or silence.
 */
export async function afterSpeech(
  ctx: MusicNodeContext,
  guildId: string,
  after: AfterSpeech,
): Promise<void> {
  const channelId = ctx.audio.channelOf(guildId);
  const next = ctx.speech.takePending(guildId);
  if (next && channelId) {
    await playSpeech(ctx, guildId, channelId, next, after);
    return;
  }
  const player = after === "continue" ? await findPlayer(ctx.db, guildId) : null;
  const entry = player ? await findEntry(ctx.db, guildId, player.currentEntryId) : null;
  if (!player || !entry || !channelId) {
    if (channelId && ctx.audio.isPlaying(guildId)) await ctx.audio.stop(guildId);
    ctx.schedule.idle(guildId);
    ctx.announcer.refresh(guildId);
    return;
  }
  // Positions stopped counting while the answer was spoken: the saved one is where it was.
  await startEntry(ctx, guildId, channelId, entry, {
    positionMs: player.positionMs,
    paused: player.paused,
    volume: player.volume,
    filter: player.filter,
  });
}

/** A speech track ended by itself (finished, failed to load, stuck): go on after it. */
export async function speechEnded(
  ctx: MusicNodeContext,
  guildId: string,
  encoded: string,
): Promise<void> {
  const after = ctx.speech.finish(guildId, encoded);
  if (after !== null) await afterSpeech(ctx, guildId, after);
}
