import type { APIInteraction } from "discord-api-types/v10";
import { PermissionFlagsBits as P } from "discord-api-types/v10";
import { findPlayer } from "../data/music/players.ts";
import { findMusicSettings, type MusicSettings } from "../data/music/settings.ts";
import type { MusicPlayerRow } from "../db/schema.ts";
import { missingPermissions } from "../domain/moderation/permissions.ts";
import {
  type ControlSituation,
  mayConfigure,
  mayControl,
  mayPlay,
} from "../domain/music/control.ts";
import { UserError } from "../interactions/errors.ts";
import type { BaseContext } from "../interactions/types.ts";
import { TimeoutError, withTimeout } from "../platform/timeout.ts";
import { DiscordRequestError } from "../ports/index.ts";

/** The voice-state look-up must leave room for the rest of Discord's 3 s. */
const VOICE_LOOKUP_MS = 1200;
const MISSING_ACCESS = 50001;

/** Any interaction with a token (commands and button presses). */
export type MusicContext = BaseContext<APIInteraction & { token: string }>;

/** What a music request is: playing, controlling the player, or a server-wide setting. */
export type MusicRequestKind = "play" | "control" | "configure";

/** Who asks and where everyone is, as the edge can tell before deferring. */
export interface MusicAccess {
  guildId: string;
  player: MusicPlayerRow | null;
  settings: MusicSettings;
  userChannelId: string | null;
  canManageGuild: boolean;
  roleIds: string[];
}

/** The guild of a music interaction; music only works inside one. */
export function musicGuildOf(ctx: { guildId: string | null }): string {
  if (!ctx.guildId) throw new UserError("Music only works inside a server.", "Server only");
  return ctx.guildId;
}

async function userVoiceChannel(
  ctx: MusicContext,
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

/** The situation the control rules judge, DJ rule included. */
export function controlSituation(access: MusicAccess): ControlSituation {
  const { player, settings } = access;
  return {
    botChannelId: player?.voiceChannelId ?? null,
    userChannelId: access.userChannelId,
    canManageGuild: access.canManageGuild,
    busy: Boolean(player?.voiceChannelId && player.currentEntryId),
    ...(settings.djRoleId
      ? {
          dj: {
            roleId: settings.djRoleId,
            hasRole: access.roleIds.includes(settings.djRoleId),
            listeners: player?.listeners ?? null,
          },
        }
      : {}),
  };
}

/**
 * Gathers what the edge can know before deferring (the player, the guild's settings, the
 * user's voice channel and permissions) and applies the rule for `kind`. A refusal is a
 * {@link UserError}: shown privately, nothing changes.
 */
export async function checkMusicAccess(
  ctx: MusicContext,
  kind: MusicRequestKind,
): Promise<MusicAccess> {
  const guildId = musicGuildOf(ctx);
  const canManageGuild = missingPermissions(ctx.member?.permissions, [P.ManageGuild]).length === 0;
  const roleIds = ctx.member?.roles ?? [];
  const [userChannelId, player, settings] = await Promise.all([
    kind === "configure" ? Promise.resolve(null) : userVoiceChannel(ctx, guildId, kind === "play"),
    findPlayer(ctx.deps.db, guildId),
    findMusicSettings(ctx.deps.db, guildId),
  ]);
  const access: MusicAccess = { guildId, player, settings, userChannelId, canManageGuild, roleIds };
  const situation = controlSituation(access);
  const allowed =
    kind === "play"
      ? mayPlay(situation)
      : kind === "control"
        ? mayControl(situation)
        : mayConfigure(situation);
  if (!allowed.ok) throw new UserError(allowed.reason, "Can't do that");
  return access;
}

/** Refuses members without Manage Server (`/music stay`, `/dj`). */
export function requireManageGuild(ctx: MusicContext, what: string): void {
  if (missingPermissions(ctx.member?.permissions, [P.ManageGuild]).length > 0)
    throw new UserError(`${what} needs the Manage Server permission.`, "Missing permission");
}
