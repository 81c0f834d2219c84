import type { REST } from "@discordjs/rest";
import {
  type APIBan,
  type APIGuild,
  type APIGuildMember,
  type RESTPostAPIGuildBulkBanJSONBody,
  type RESTPostAPIGuildBulkBanResult,
  Routes,
} from "discord-api-types/v10";
import type { BulkBanResult, GuildChannel, GuildInfo, GuildsArea } from "../../ports/index.ts";
import { type CallDiscord, DiscordRequestError } from "./errors.ts";

const UNKNOWN_MEMBER = 10007;
const UNKNOWN_USER = 10013;
const UNKNOWN_BAN = 10026;
const UNKNOWN_VOICE_STATE = 10065;

/** Resolves to null when the call failed with one of Discord's "Unknown …" `codes`. */
async function orNullOn<T>(codes: readonly number[], request: Promise<T>): Promise<T | null> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof DiscordRequestError && error.code !== null && codes.includes(error.code))
      return null;
    throw error;
  }
}

/** Guild reads and bans, authenticated with the bot token. */
export class GuildsApi implements GuildsArea {
  constructor(
    private readonly rest: REST,
    private readonly call: CallDiscord,
  ) {}

  async get(guildId: string): Promise<GuildInfo> {
    const guild = (await this.call(() => this.rest.get(Routes.guild(guildId)))) as APIGuild;
    return {
      id: guild.id,
      ownerId: guild.owner_id,
      roles: guild.roles.map(({ id, position, permissions }) => ({ id, position, permissions })),
    };
  }

  async memberRoles(guildId: string, userId: string): Promise<string[] | null> {
    // A user who does not exist is not a member either: neither can outrank anyone.
    const member = await orNullOn(
      [UNKNOWN_MEMBER, UNKNOWN_USER],
      this.call(() =>
        this.rest.get(Routes.guildMember(guildId, userId)),
      ) as Promise<APIGuildMember>,
    );
    return member ? member.roles : null;
  }

  async voiceChannelOf(guildId: string, userId: string): Promise<string | null> {
    const state = await orNullOn(
      [UNKNOWN_VOICE_STATE],
      this.call(() => this.rest.get(Routes.guildVoiceState(guildId, userId))) as Promise<{
        channel_id: string | null;
      }>,
    );
    return state?.channel_id ?? null;
  }

  async addMemberRole(
    guildId: string,
    userId: string,
    roleId: string,
    reason: string,
  ): Promise<void> {
    await this.call(() =>
      this.rest.put(Routes.guildMemberRole(guildId, userId, roleId), { reason }),
    );
  }

  async channels(guildId: string): Promise<GuildChannel[]> {
    return (await this.call(() => this.rest.get(Routes.guildChannels(guildId)))) as GuildChannel[];
  }

  async bulkBan(
    guildId: string,
    userIds: readonly string[],
    deleteMessageSeconds: number,
    reason: string,
  ): Promise<BulkBanResult> {
    const body: RESTPostAPIGuildBulkBanJSONBody = {
      user_ids: [...userIds],
      delete_message_seconds: deleteMessageSeconds,
    };
    const result = (await this.call(() =>
      this.rest.post(Routes.guildBulkBan(guildId), { body, reason }),
    )) as RESTPostAPIGuildBulkBanResult;
    return { banned: result.banned_users ?? [], failed: result.failed_users ?? [] };
  }

  async banReason(guildId: string, userId: string): Promise<string | null | undefined> {
    const ban = await orNullOn(
      [UNKNOWN_BAN],
      this.call(() => this.rest.get(Routes.guildBan(guildId, userId))) as Promise<APIBan>,
    );
    // undefined: not banned; null: banned without a reason.
    return ban === null ? undefined : ban.reason;
  }

  async unban(guildId: string, userId: string, reason: string): Promise<boolean> {
    const done = await orNullOn(
      [UNKNOWN_BAN],
      this.call(() => this.rest.delete(Routes.guildBan(guildId, userId), { reason })).then(
        () => true,
      ),
    );
    return done === true;
  }
}
