import type { APIInteraction } from "discord-api-types/v10";
import { PermissionFlagsBits as P } from "discord-api-types/v10";
import { findPlayer } from "../data/music/players.ts";
import { voiceServiceStatus } from "../data/music/voice-nodes.ts";
import { missingPermissions } from "../domain/moderation/permissions.ts";
import { mayControl, mayPlay } from "../domain/music/control.ts";
import type { MusicAction, MusicJob } from "../domain/music/job.ts";
import { UserError } from "../interactions/errors.ts";
import type { BaseContext } from "../interactions/types.ts";
import { TimeoutError, withTimeout } from "../platform/timeout.ts";
import { DiscordRequestError } from "../ports/index.ts";

/** The voice-state look-up must leave room for the rest of Discord's 3 s. */
const VOICE_LOOKUP_MS = 1200;
const MISSING_ACCESS = 50001;

/** The degraded-mode answers the runbook names. */
export const AUDIO_SERVICE_DOWN =
  "The audio service is unavailable right now. Try again in a few minutes.";
export const AUDIO_SERVER_DOWN = "Unable to connect to audio server. Try again in a minute.";

type Context = BaseContext<APIInteraction & { token: string }>;

async function userVoiceChannel(
  ctx: Context,
  guildId: string,
  strict: boolean,
): Promise<string | null> {
  try {
    return await withTimeout(
      ctx.deps.discord.guilds.voiceChannelOf(guildId, ctx.user.id),
      VOICE_LOOKUP_MS,
      "voice state",
    );
  } catch (error) {
    if (
      error instanceof DiscordRequestError &&
      (error.code === MISSING_ACCESS || error.status === 403)
    ) {
      throw new UserError(
        "I can't see the voice channel you're in. Ask an admin to let me view and connect to it.",
        "Voice channel hidden",
      );
    }
    // Controls fall back to the voice-node's own view; play needs to know where to go.
    if (!strict) return null;
    const why =
      error instanceof TimeoutError
        ? "Discord did not answer in time"
        : "Discord refused the look-up";
    throw new UserError(`I couldn't check your voice channel (${why}). Try again.`, "Try again");
  }
}

/**
 * Checks what the edge can before deferring (a deferred reply cannot turn private): the
 * voice-node's heartbeat and Lavalink, the user's voice channel, and who may control the
 * player. Refusals are {@link UserError}s (ephemeral); what passes becomes the job.
 */
export async function prepareMusicJob(ctx: Context, action: MusicAction): Promise<MusicJob> {
  const guildId = ctx.guildId;
  if (!guildId) throw new UserError("Music only works inside a server.", "Server only");
  const { deps } = ctx;
  const now = deps.clock.now();
  const status = await voiceServiceStatus(deps.db, new Date(now), {
    guildId,
    shardCount: deps.config.VOICE_SHARD_COUNT,
  });
  if (status.gateway !== "connected") throw new UserError(AUDIO_SERVICE_DOWN, "Audio unavailable");
  if (action.type === "play" && !status.lavalinkUp)
    throw new UserError(AUDIO_SERVER_DOWN, "Audio unavailable");

  const [userChannelId, player] = await Promise.all([
    userVoiceChannel(ctx, guildId, action.type === "play"),
    findPlayer(deps.db, guildId),
  ]);
  const canManageGuild = missingPermissions(ctx.member?.permissions, [P.ManageGuild]).length === 0;
  const situation = {
    botChannelId: player?.voiceChannelId ?? null,
    userChannelId,
    canManageGuild,
    busy: Boolean(player?.voiceChannelId && player.currentEntryId),
  };
  const allowed = action.type === "play" ? mayPlay(situation) : mayControl(situation);
  if (!allowed.ok) throw new UserError(allowed.reason, "Can't do that");
  const channelId = ctx.interaction.channel?.id ?? ctx.interaction.channel_id;
  if (!channelId) throw new UserError("Use this command in a text channel.", "No channel");

  return {
    v: 1,
    guildId,
    userId: ctx.user.id,
    textChannelId: channelId,
    userVoiceChannelId: userChannelId,
    canManageGuild,
    action,
    interaction: {
      applicationId: ctx.interaction.application_id,
      token: ctx.interaction.token,
      receivedAt: now,
    },
  };
}
