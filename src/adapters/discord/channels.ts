import type { REST } from "@discordjs/rest";
import {
  type APIMessage,
  OverwriteType,
  type RESTPutAPIChannelPermissionJSONBody,
  Routes,
} from "discord-api-types/v10";
import type { ChannelsArea, GuildChannel, MessageBody, OverwriteBits } from "../../ports/index.ts";
import { type CallDiscord, DiscordRequestError } from "./errors.ts";

const UNKNOWN_OVERWRITE = 10009;

/** Channel reads, permission overwrites and bot messages, authenticated with the bot token. */
export class ChannelsApi implements ChannelsArea {
  constructor(
    private readonly rest: REST,
    private readonly call: CallDiscord,
  ) {}

  async get(channelId: string): Promise<GuildChannel> {
    return (await this.call(() => this.rest.get(Routes.channel(channelId)))) as GuildChannel;
  }

  async putRoleOverwrite(
    channelId: string,
    roleId: string,
    bits: OverwriteBits,
    reason: string,
  ): Promise<void> {
    const body: RESTPutAPIChannelPermissionJSONBody = {
      type: OverwriteType.Role,
      allow: bits.allow,
      deny: bits.deny,
    };
    await this.call(() =>
      this.rest.put(Routes.channelPermission(channelId, roleId), { body, reason }),
    );
  }

  async deleteOverwrite(channelId: string, overwriteId: string, reason: string): Promise<void> {
    try {
      await this.call(() =>
        this.rest.delete(Routes.channelPermission(channelId, overwriteId), { reason }),
      );
    } catch (error) {
      // Already gone is what we wanted.
      if (error instanceof DiscordRequestError && error.code === UNKNOWN_OVERWRITE) return;
      throw error;
    }
  }

  async createMessage(channelId: string, body: MessageBody): Promise<string> {
    const message = (await this.call(() =>
      this.rest.post(Routes.channelMessages(channelId), { body }),
    )) as APIMessage;
    return message.id;
  }

  async editMessage(channelId: string, messageId: string, body: MessageBody): Promise<void> {
    // Only these fields can change on an existing message; flags like EPHEMERAL cannot.
    const { content, embeds, components, allowed_mentions } = body;
    await this.call(() =>
      this.rest.patch(Routes.channelMessage(channelId, messageId), {
        body: { content, embeds, components, allowed_mentions },
      }),
    );
  }

  async deleteMessage(channelId: string, messageId: string): Promise<void> {
    await this.call(() => this.rest.delete(Routes.channelMessage(channelId, messageId)));
  }
}
