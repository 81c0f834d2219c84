import type {
  APIEntitlement,
  APIInteractionGuildMember,
  APIMessage,
  APIUser,
  GuildMemberFlags,
  Locale,
  MessageFlags,
  UserFlags,
} from "discord-api-types/v10";
import { snowflake } from "./snowflake.ts";

// Permission bits written out (not imported from discord-api-types at runtime) so this module
// also loads inside the workers pool, where that package's runtime exports need special setup.
const bit = (n: number): bigint => 1n << BigInt(n);

/** A regular member: view, send, embed, attach, history, react, voice, use commands, invite. */
export const DEFAULT_MEMBER_PERMISSIONS =
  bit(0) |
  bit(6) |
  bit(10) |
  bit(11) |
  bit(14) |
  bit(15) |
  bit(16) |
  bit(18) |
  bit(20) |
  bit(21) |
  bit(25) |
  bit(26) |
  bit(31);

/** The bot: the member set plus kick, ban, manage channels/guild/messages/roles, moderate. */
export const DEFAULT_APP_PERMISSIONS =
  DEFAULT_MEMBER_PERMISSIONS | bit(1) | bit(2) | bit(4) | bit(5) | bit(13) | bit(28) | bit(40);

/** Ids used when a builder is given none; stable for the whole test process. */
export const DEFAULT_IDS = {
  applicationId: snowflake(),
  guildId: snowflake(),
  channelId: snowflake(),
  userId: snowflake(),
} as const;

/** What every interaction builder accepts. */
export interface InteractionOptions {
  /** Interaction id; default a fresh snowflake. */
  id?: string;
  applicationId?: string;
  /** Guild the interaction happens in; `null` for a DM with the bot. */
  guildId?: string | null;
  channelId?: string;
  /** Channel type: 0 text (default in guilds), 1 DM, 2 voice, 5 announcement… */
  channelType?: number;
  /** The invoking user (merged over a default user). */
  user?: Partial<APIUser>;
  /** Role ids of the invoking member. */
  roles?: string[];
  /** Invoking member's permissions in the channel. */
  memberPermissions?: bigint | string;
  /** The app's permissions in the channel. */
  appPermissions?: bigint | string;
  locale?: Locale;
  guildLocale?: Locale;
  /** Interaction token; pass one issued by the fake Discord for webhook follow-ups to work. */
  token?: string;
  entitlements?: APIEntitlement[];
}

/** Builds a Discord user object. */
export function userObject(user: Partial<APIUser> = {}): APIUser {
  const id = user.id ?? DEFAULT_IDS.userId;
  return {
    id,
    username: `user_${id.slice(-6)}`,
    discriminator: "0",
    global_name: null,
    avatar: null,
    avatar_decoration_data: null,
    public_flags: 0 as UserFlags,
    collectibles: null,
    primary_guild: null,
    ...user,
  };
}

/** Builds the guild member object Discord puts on interactions. */
export function memberObject(
  user: APIUser,
  roles: string[],
  permissions: bigint | string,
): APIInteractionGuildMember {
  return {
    user,
    roles,
    permissions: String(permissions),
    joined_at: "2024-01-01T00:00:00.000000+00:00",
    premium_since: null,
    nick: null,
    avatar: null,
    banner: null,
    communication_disabled_until: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    pending: false,
  };
}

/** Builds a message object, by default one the app sent in reply to a command. */
export function messageObject(overrides: Partial<APIMessage> = {}): APIMessage {
  const applicationId = overrides.application_id ?? DEFAULT_IDS.applicationId;
  return {
    id: snowflake(),
    channel_id: DEFAULT_IDS.channelId,
    type: 20,
    content: "",
    author: userObject({ id: applicationId, username: "Chopsticks", bot: true }),
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    components: [],
    pinned: false,
    flags: 0 as MessageFlags,
    webhook_id: applicationId,
    application_id: applicationId,
    ...overrides,
  };
}

/** A fresh token shaped like Discord's (long, url-safe); not known to any fake Discord. */
export function randomInteractionToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(96));
  const text = btoa(String.fromCharCode(...bytes));
  return `aW50ZXJhY3Rpb246${text.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")}`;
}

/** Everything but `type` and `data`, for a guild or a DM as `options.guildId` says. */
export function interactionBase(options: InteractionOptions) {
  const applicationId = options.applicationId ?? DEFAULT_IDS.applicationId;
  const guildId = options.guildId === undefined ? DEFAULT_IDS.guildId : options.guildId;
  const channelId = options.channelId ?? DEFAULT_IDS.channelId;
  const user = userObject(options.user);
  const locale = options.locale ?? ("en-US" as Locale);
  const appPermissions = String(options.appPermissions ?? DEFAULT_APP_PERMISSIONS);
  const memberPermissions = options.memberPermissions ?? DEFAULT_MEMBER_PERMISSIONS;
  const common = {
    id: options.id ?? snowflake(),
    application_id: applicationId,
    channel_id: channelId,
    token: options.token ?? randomInteractionToken(),
    version: 1 as const,
    app_permissions: appPermissions,
    locale,
    entitlements: options.entitlements ?? [],
    attachment_size_limit: 10 * 1024 * 1024,
  };
  if (guildId === null) {
    return {
      ...common,
      user,
      channel: {
        id: channelId,
        type: 1 as const,
        flags: 0,
        last_message_id: null,
        recipients: [user],
      },
      authorizing_integration_owners: { 0: "0" },
      context: 1 as const,
    };
  }
  const guildLocale = options.guildLocale ?? ("en-US" as Locale);
  return {
    ...common,
    guild_id: guildId,
    guild: { id: guildId, locale: guildLocale, features: [] },
    guild_locale: guildLocale,
    member: memberObject(user, options.roles ?? [], memberPermissions),
    channel: {
      id: channelId,
      type: (options.channelType ?? 0) as 0,
      guild_id: guildId,
      name: "general",
      position: 0,
      parent_id: null,
      nsfw: false,
      topic: null,
      flags: 0,
      last_message_id: null,
      rate_limit_per_user: 0,
      permissions: String(memberPermissions),
    },
    authorizing_integration_owners: { 0: guildId },
    context: 0 as const,
  };
}
