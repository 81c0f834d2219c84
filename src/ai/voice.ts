import { voiceServiceStatus } from "../data/music/voice-nodes.ts";
import { speechIdentifier } from "../domain/ai/index.ts";
import { JOIN_VOICE_FIRST } from "../domain/music/control.ts";
import type { MusicJob } from "../domain/music/job.ts";
import { UserError } from "../interactions/errors.ts";
import { checkMusicAccess, type MusicContext } from "../music/access.ts";
import { enqueueMusicJob } from "../music/enqueue.ts";
import { describeError } from "../platform/logger.ts";
import type { Deps, MessageBody } from "../ports/index.ts";
import type { VoiceLlmEdgeOutcome } from "./outcomes.ts";

/** Where an `/ai voice` answer is to be spoken, as checked before deferring. */
export interface VoiceTarget {
  /** The asker's voice channel. */
  channelId: string;
  /** The speech job without its identifier, or null when no voice-node can speak it now. */
  job: Omit<MusicJob, "action"> | null;
}

/**
 * The checks `/ai voice` makes before deferring (a deferred reply cannot turn private): a
 * server, the asker in a voice channel where the bot may play (`/music play`'s rules), and
 * whether a voice-node holding the guild's shard, with Lavalink, is up. A voice-node that is
 * down is not a refusal: the answer is still given as text.
 */
export async function prepareVoiceAnswer(ctx: MusicContext): Promise<VoiceTarget> {
  const { deps, guildId } = ctx;
  if (!guildId) {
    throw new UserError(
      "`/ai voice` speaks in a server's voice channel: use it inside a server, or `/ai ask` here.",
      "Server only",
    );
  }
  const [status, access] = await Promise.all([
    voiceServiceStatus(deps.db, new Date(deps.clock.now()), {
      guildId,
      shardCount: deps.config.VOICE_SHARD_COUNT,
    }),
    checkMusicAccess(ctx, "play").catch((error: unknown) => {
      if (error instanceof UserError && error.message === JOIN_VOICE_FIRST) {
        throw new UserError(
          "Join a voice channel first: `/ai voice` speaks the answer there. For a text answer only, use `/ai ask`. Nothing was asked.",
          "Not in a voice channel",
        );
      }
      throw error;
    }),
  ]);
  const channelId = access.userChannelId as string;
  const textChannelId = ctx.interaction.channel?.id ?? ctx.interaction.channel_id;
  if (status.gateway !== "connected" || !status.lavalinkUp || !textChannelId) {
    return { channelId, job: null };
  }
  return {
    channelId,
    job: {
      v: 1,
      guildId: access.guildId,
      userId: ctx.user.id,
      textChannelId,
      userVoiceChannelId: channelId,
      canManageGuild: access.canManageGuild,
      memberRoleIds: access.roleIds.slice(0, 250),
      interaction: {
        applicationId: ctx.interaction.application_id,
        token: ctx.interaction.token,
        receivedAt: deps.clock.now(),
      },
    },
  };
}

const NOTES: Record<Exclude<VoiceLlmEdgeOutcome, "llm_error">, (channelId: string) => string> = {
  queued: (channel) =>
    `🔊 Speaking this answer in <#${channel}> (right after the current track when music plays).`,
  voice_unavailable: () =>
    "🔇 Voice is unavailable right now (the audio service is down), so the answer is only shown here.",
  nothing_to_speak: () =>
    "🔇 The answer has nothing that can be read aloud, so it is only shown here.",
  queue_error: () =>
    "🔇 The answer could not be handed to the audio service, so it is only shown here.",
};

/**
 * Hands a shown answer to the voice-node to be spoken: a `speak` job on the guild's music
 * queue, so it is ordered with the guild's music commands. Counts the outcome and returns the
 * final body with a line saying whether (and where) it is spoken.
 */
export async function speakAnswer(
  deps: Deps,
  target: VoiceTarget,
  answer: { body: MessageBody; text: string },
): Promise<MessageBody> {
  const identifier = speechIdentifier(answer.text);
  let outcome: Exclude<VoiceLlmEdgeOutcome, "llm_error">;
  if (!target.job) outcome = "voice_unavailable";
  else if (!identifier) outcome = "nothing_to_speak";
  else {
    try {
      const job: MusicJob = { ...target.job, action: { type: "speak", identifier } };
      await enqueueMusicJob(deps.jobs, job, deps.config.VOICE_SHARD_COUNT);
      outcome = "queued";
    } catch (error) {
      deps.log.error("ai.voice_queue_failed", { error: describeError(error) });
      outcome = "queue_error";
    }
  }
  deps.metrics.observeVoiceLlmRequest(outcome);
  deps.log.info("ai.voice", { outcome, speech_chars: identifier ? answer.text.length : 0 });
  return { ...answer.body, content: NOTES[outcome](target.channelId) };
}
