import type {
  APIInteractionResponseCallbackData,
  APIOverwrite,
  APIRole,
} from "discord-api-types/v10";

/** A message as commands build it: the data of a reply, edit or follow-up. */
export type MessageBody = APIInteractionResponseCallbackData;

/** Follow-ups through the interaction token (valid 15 minutes; no bot auth needed). */
export interface InteractionWebhooks {
  editOriginal(token: string, body: MessageBody): Promise<void>;
  /** Edits a follow-up sent with the same token. */
  editMessage(token: string, messageId: string, body: MessageBody): Promise<void>;
  /** Sends a follow-up message and returns its id. */
  followUp(token: string, body: MessageBody): Promise<string>;
  deleteOriginal(token: string): Promise<void>;
  /** Where the original response is: its message id and channel (for later bot-token edits). */
  getOriginal(token: string): Promise<{ id: string; channelId: string }>;
}

/** What moderation needs to know about a guild: who owns it and its roles. */
export interface GuildInfo {
  id: string;
  ownerId: string;
  roles: Pick<APIRole, "id" | "position" | "permissions">[];
}

/** A guild channel with its permission overwrites. */
export interface GuildChannel {
  id: string;
  type: number;
  guild_id?: string;
  name?: string | null;
  permission_overwrites?: APIOverwrite[];
}

/** What Discord answered to one bulk-ban call. */
export interface BulkBanResult {
  banned: string[];
  failed: string[];
}

/** Guild reads and bans. Errors are `DiscordRequestError`s. */
export interface GuildsArea {
  get(guildId: string): Promise<GuildInfo>;
  /** A member's role ids; null when the user is not a member (Unknown Member). */
  memberRoles(guildId: string, userId: string): Promise<string[] | null>;
  /**
   * The voice channel a member is in, or null when not in voice (Unknown Voice State). A
   * channel the bot cannot see fails with 403 Missing Access (50001).
   */
  voiceChannelOf(guildId: string, userId: string): Promise<string | null>;
  /** `PUT /guilds/{g}/members/{u}/roles/{r}`: needs Manage Roles and a higher role than `roleId`. */
  addMemberRole(guildId: string, userId: string, roleId: string, reason: string): Promise<void>;
  channels(guildId: string): Promise<GuildChannel[]>;
  /** `POST /guilds/{id}/bulk-ban`: at most 200 ids; `reason` goes to the audit log. */
  bulkBan(
    guildId: string,
    userIds: readonly string[],
    deleteMessageSeconds: number,
    reason: string,
  ): Promise<BulkBanResult>;
  /** The audit-log reason of a ban, or null when the user is not banned (Unknown Ban). */
  banReason(guildId: string, userId: string): Promise<string | null | undefined>;
  /** Lifts a ban; `false` when the user was not banned (Unknown Ban). */
  unban(guildId: string, userId: string, reason: string): Promise<boolean>;
}

/** A permission overwrite as written: bitfields as decimal strings. */
export interface OverwriteBits {
  allow: string;
  deny: string;
}

/** Channel reads, overwrites and messages. Errors are `DiscordRequestError`s. */
export interface ChannelsArea {
  get(channelId: string): Promise<GuildChannel>;
  /** `PUT /channels/{id}/permissions/{overwrite}` for a role overwrite (type 0). */
  putRoleOverwrite(
    channelId: string,
    roleId: string,
    bits: OverwriteBits,
    reason: string,
  ): Promise<void>;
  /** Deletes an overwrite; a missing one counts as deleted. */
  deleteOverwrite(channelId: string, overwriteId: string, reason: string): Promise<void>;
  /** Posts a message and returns its id. */
  createMessage(channelId: string, body: MessageBody): Promise<string>;
  deleteMessage(channelId: string, messageId: string): Promise<void>;
  /** Edits a message the bot sent (also an interaction's response), with the bot token. */
  editMessage(channelId: string, messageId: string, body: MessageBody): Promise<void>;
}

/** What reading an attached file gave: its bytes, or why not. */
export type AttachmentDownload =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; problem: "too_large" | "unavailable" };

/** Files users attached to an interaction, read from Discord's CDN. */
export interface AttachmentsArea {
  /**
   * The file's bytes; `too_large` as soon as more than `maxBytes` arrived (whatever size the
   * attachment claimed), `unavailable` when the CDN failed or did not answer in time.
   */
  download(url: string, maxBytes: number): Promise<AttachmentDownload>;
}

/** How often Discord's limits have held calls back: buckets at 0, 429s, the shared budget. */
export interface RateLimitPressure {
  /** Holds so far (only grows); a job compares it before and after a call. */
  held(): number;
}

/** The Discord REST surface the bot uses, one area per property. */
export interface DiscordApi {
  readonly pressure: RateLimitPressure;
  readonly interactions: InteractionWebhooks;
  readonly guilds: GuildsArea;
  readonly channels: ChannelsArea;
  readonly attachments: AttachmentsArea;
}
