import { snowflake } from "../snowflake.ts";
import type {
  ChannelRecord,
  GuildRecord,
  JsonObject,
  SeedRole,
  UserProfile,
  VoiceStateRecord,
} from "./state.ts";

/** Identity of the simulated application and its bot user. */
export interface SimIdentity {
  applicationId: string;
  botUserId: string;
  botUsername: string;
}

/** A user object for any id; without a profile the name is derived from the id. */
export function userJson(
  id: string,
  profile?: UserProfile,
  overrides: JsonObject = {},
): JsonObject {
  return {
    id,
    username: profile?.username ?? `user_${id.slice(-6)}`,
    discriminator: "0",
    global_name: profile?.global_name ?? null,
    ...(profile?.bot ? { bot: true } : {}),
    avatar: null,
    avatar_decoration_data: null,
    public_flags: 0,
    ...overrides,
  };
}

/** The bot's own user object. */
export function botUserJson(identity: SimIdentity): JsonObject {
  return userJson(identity.botUserId, { username: identity.botUsername, bot: true }, { flags: 0 });
}

/** A role object. */
export function roleJson(role: SeedRole): JsonObject {
  return {
    id: role.id,
    name: role.name ?? `role_${role.id.slice(-4)}`,
    permissions: String(role.permissions ?? "0"),
    position: role.position ?? 1,
    color: role.color ?? 0,
    colors: { primary_color: role.color ?? 0, secondary_color: null, tertiary_color: null },
    hoist: role.hoist ?? false,
    managed: role.managed ?? false,
    mentionable: role.mentionable ?? false,
    icon: null,
    unicode_emoji: null,
    flags: 0,
  };
}

/** A guild channel object; overwrites normalised the way Discord returns them. */
export function channelJson(channel: ChannelRecord): JsonObject {
  const { seed } = channel;
  return {
    id: seed.id,
    type: seed.type,
    guild_id: channel.guildId,
    name: seed.name ?? `channel-${seed.id.slice(-4)}`,
    position: seed.position ?? 0,
    parent_id: seed.parent_id ?? null,
    flags: 0,
    nsfw: false,
    permission_overwrites: [...channel.overwrites.values()].map((overwrite) => ({
      id: overwrite.id,
      type: Number(overwrite.type),
      allow: String(overwrite.allow),
      deny: String(overwrite.deny),
    })),
    ...(seed.type === 2
      ? { bitrate: 64000, user_limit: 0, rtc_region: null }
      : seed.type === 4
        ? {}
        : {
            topic: seed.topic ?? null,
            last_message_id: channel.messages.at(-1)?.id ?? null,
            rate_limit_per_user: 0,
          }),
  };
}

/** A guild object. */
export function guildJson(guild: GuildRecord): JsonObject {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: guild.roles.map(roleJson),
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    preferred_locale: "en-US",
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
  };
}

/** A guild member object. */
export function memberJson(userId: string, roles: string[], profile?: UserProfile): JsonObject {
  return {
    user: userJson(userId, profile),
    roles,
    nick: null,
    avatar: null,
    banner: null,
    joined_at: "2024-01-01T00:00:00.000000+00:00",
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
  };
}

/** A voice state object, as `GET /guilds/{g}/voice-states/{u}` returns it. */
export function voiceStateJson(
  guildId: string,
  userId: string,
  state: VoiceStateRecord,
  member: JsonObject,
): JsonObject {
  return {
    guild_id: guildId,
    channel_id: state.channelId,
    user_id: userId,
    member,
    session_id: state.sessionId,
    deaf: false,
    mute: false,
    self_deaf: state.selfDeaf,
    self_mute: state.selfMute,
    self_stream: false,
    self_video: false,
    suppress: false,
    request_to_speak_timestamp: null,
  };
}

const MESSAGE_FIELDS = ["content", "embeds", "components", "flags", "attachments", "poll", "tts"];

/** A message object built from a create body; `webhook` marks interaction responses. */
export function messageJson(
  identity: SimIdentity,
  channelId: string,
  body: unknown,
  options: { webhook: boolean; id?: string },
): JsonObject {
  const fields = typeof body === "object" && body !== null ? (body as JsonObject) : {};
  const message: JsonObject = {
    id: options.id ?? snowflake(),
    channel_id: channelId,
    type: options.webhook ? 20 : 0,
    author: botUserJson(identity),
    content: "",
    embeds: [],
    components: [],
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    flags: 0,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    ...(options.webhook
      ? { webhook_id: identity.applicationId, application_id: identity.applicationId }
      : {}),
  };
  return applyMessageEdit(message, fields, false);
}

/** Applies an edit body's message fields to a stored message. */
export function applyMessageEdit(message: JsonObject, body: unknown, edited = true): JsonObject {
  const fields = typeof body === "object" && body !== null ? (body as JsonObject) : {};
  for (const key of MESSAGE_FIELDS) {
    if (fields[key] !== undefined) message[key] = fields[key];
  }
  if (edited) message.edited_timestamp = new Date().toISOString();
  return message;
}

/** A registered command as Discord returns it, defaults filled. */
export function commandJson(
  body: JsonObject,
  options: { applicationId: string; guildId?: string; id: string; version: string },
): JsonObject {
  const type = typeof body.type === "number" ? body.type : 1;
  return {
    id: options.id,
    application_id: options.applicationId,
    version: options.version,
    default_member_permissions: body.default_member_permissions ?? null,
    type,
    name: body.name,
    name_localizations: body.name_localizations ?? null,
    description: body.description ?? "",
    description_localizations: body.description_localizations ?? null,
    ...(options.guildId
      ? { guild_id: options.guildId }
      : { dm_permission: body.dm_permission ?? true }),
    contexts: body.contexts ?? null,
    integration_types: body.integration_types ?? [0],
    nsfw: body.nsfw ?? false,
    ...(Array.isArray(body.options) && body.options.length > 0 ? { options: body.options } : {}),
  };
}
