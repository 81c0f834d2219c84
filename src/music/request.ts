import { voiceServiceStatus } from "../data/music/voice-nodes.ts";
import { type MusicAction, type MusicJob, startsPlayback } from "../domain/music/job.ts";
import { UserError } from "../interactions/errors.ts";
import { checkMusicAccess, type MusicContext, type MusicRequestKind } from "./access.ts";

/** The degraded-mode answers the runbook names. */
export const AUDIO_SERVICE_DOWN =
  "The audio service is unavailable right now. Try again in a few minutes.";
export const AUDIO_SERVER_DOWN = "Unable to connect to audio server. Try again in a minute.";

/** What kind of request each voice-node action is (who may ask for it). */
function kindOf(action: MusicAction): MusicRequestKind {
  if (startsPlayback(action)) return "play";
  if (action.type === "stay") return "configure";
  return "control";
}

/**
 * Checks what the edge can before deferring (a deferred reply cannot turn private): the
 * voice-node's heartbeat and Lavalink, the user's voice channel, and who may control the
 * player. Refusals are {@link UserError}s (ephemeral); what passes becomes the job.
 */
export async function prepareMusicJob(
  ctx: MusicContext,
  action: MusicAction,
  options: { entryId?: number } = {},
): Promise<MusicJob> {
  const { deps } = ctx;
  const now = deps.clock.now();
  if (!ctx.guildId) throw new UserError("Music only works inside a server.", "Server only");
  const status = await voiceServiceStatus(deps.db, new Date(now), {
    guildId: ctx.guildId,
    shardCount: deps.config.VOICE_SHARD_COUNT,
  });
  if (status.gateway !== "connected") throw new UserError(AUDIO_SERVICE_DOWN, "Audio unavailable");
  if (startsPlayback(action) && !status.lavalinkUp)
    throw new UserError(AUDIO_SERVER_DOWN, "Audio unavailable");

  const access = await checkMusicAccess(ctx, kindOf(action));
  const channelId = ctx.interaction.channel?.id ?? ctx.interaction.channel_id;
  if (!channelId) throw new UserError("Use this command in a text channel.", "No channel");

  return {
    v: 1,
    guildId: access.guildId,
    userId: ctx.user.id,
    textChannelId: channelId,
    userVoiceChannelId: access.userChannelId,
    canManageGuild: access.canManageGuild,
    memberRoleIds: access.roleIds.slice(0, 250),
    ...(options.entryId !== undefined ? { entryId: options.entryId } : {}),
    action,
    interaction: {
      applicationId: ctx.interaction.application_id,
      token: ctx.interaction.token,
      receivedAt: now,
    },
  };
}
