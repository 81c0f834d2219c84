import { channelPermissionsOf, type JsonObject, type SimState } from "../discord-sim/index.ts";

/** A channel as `npm run interact` needs it to build interactions. */
export interface ContextChannel {
  id: string;
  name: string;
  type: number;
  /** The invoker's permissions there (what Discord puts in `resolved.channels`). */
  permissions: string;
}

/** A known user as `npm run interact` resolves user options; `roles` null when not a member. */
export interface ContextMember {
  id: string;
  username: string;
  global_name: string | null;
  roles: string[] | null;
  bot: boolean;
}

/** Everything `npm run interact` needs to send an interaction as Discord would. */
export interface InvokerContext {
  guildId: string;
  channel: ContextChannel;
  /** The invoker's roles and permissions in that channel; null when not a member. */
  member: { roles: string[]; permissions: string } | null;
  /** Chopsticks' permissions in that channel (`app_permissions`). */
  appPermissions: string;
  channels: ContextChannel[];
  /** Members and other users the guild knows (banned ones, say). */
  members: ContextMember[];
  roles: { id: string; name: string; position: number; permissions: string }[];
}

/**
 * The invoker's view of the simulated guild from one channel (by id or name; default the
 * first text channel), or null when the guild is not simulated.
 */
export function invokerContext(
  state: SimState,
  query: { guildId: string; userId: string; botUserId: string; channel?: string },
): InvokerContext | null {
  const guild = state.guilds.get(query.guildId);
  if (!guild) return null;
  const channels = guild.channelIds.flatMap((id) => {
    const channel = state.channels.get(id);
    return channel ? [channel] : [];
  });
  const wanted = query.channel?.replace(/^#/, "");
  const here =
    channels.find((c) => c.seed.id === wanted || c.seed.name === wanted) ??
    channels.find((c) => c.seed.type === 0);
  if (!here) return null;
  const isMember = guild.members.has(query.userId);
  const describe = (channel: (typeof channels)[number]): ContextChannel => ({
    id: channel.seed.id,
    name: channel.seed.name ?? channel.seed.id,
    type: channel.seed.type,
    permissions: String(isMember ? channelPermissionsOf(guild, channel, query.userId) : 0n),
  });
  return {
    guildId: guild.id,
    channel: describe(here),
    member: isMember
      ? {
          roles: guild.members.get(query.userId) ?? [],
          permissions: String(channelPermissionsOf(guild, here, query.userId)),
        }
      : null,
    appPermissions: String(channelPermissionsOf(guild, here, query.botUserId)),
    channels: channels.map(describe),
    members: [...new Set([...guild.members.keys(), ...state.users.keys()])].map((id) => {
      const profile = state.users.get(id);
      return {
        id,
        username: profile?.username ?? `user_${id.slice(-6)}`,
        global_name: profile?.global_name ?? null,
        roles: guild.members.get(id) ?? null,
        bot: profile?.bot === true,
      };
    }),
    roles: guild.roles.map((role) => ({
      id: role.id,
      name: role.name ?? role.id,
      position: role.position ?? 0,
      permissions: String(role.permissions ?? "0"),
    })),
  };
}

/** One line of `--state`: what a channel's @everyone overwrite allows and denies. */
export interface ChannelSummary {
  id: string;
  name: string;
  type: number;
  everyone: { allow: string; deny: string } | null;
  /** Members in it (voice channels). */
  voice: string[];
}

/** What `npm run interact -- --state` prints. */
export interface GuildSummary {
  id: string;
  name: string;
  owner: string;
  roles: { id: string; name: string; position: number; members: number }[];
  memberCount: number;
  channels: ChannelSummary[];
  bans: { id: string; username: string; reason: string | null }[];
  posts: { channel: string; id: string; at: string; edited: boolean; message: JsonObject }[];
}

/** A summary of the simulated guild for `--state`: overwrites, bans, the newest posts. */
export function guildSummary(state: SimState, guildId: string, postLimit = 8): GuildSummary | null {
  const guild = state.guilds.get(guildId);
  if (!guild) return null;
  const nameOf = (id: string) => state.users.get(id)?.username ?? `user_${id.slice(-6)}`;
  const channels = guild.channelIds.flatMap((id) => {
    const channel = state.channels.get(id);
    return channel ? [channel] : [];
  });
  const voice = state.voiceStates.get(guild.id) ?? new Map();
  const posts = channels
    .flatMap((channel) =>
      channel.messages.map((message) => ({
        channel: channel.seed.name ?? channel.seed.id,
        id: String(message.id),
        at: String(message.timestamp),
        edited: message.edited_timestamp !== null && message.edited_timestamp !== undefined,
        message,
      })),
    )
    .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1))
    .slice(-postLimit);
  return {
    id: guild.id,
    name: guild.name,
    owner: nameOf(guild.ownerId),
    roles: [...guild.roles]
      .sort((a, b) => (b.position ?? 0) - (a.position ?? 0))
      .map((role) => ({
        id: role.id,
        name: role.name ?? role.id,
        position: role.position ?? 0,
        members:
          role.id === guild.id
            ? guild.members.size
            : [...guild.members.values()].filter((roles) => roles.includes(role.id)).length,
      })),
    memberCount: guild.members.size,
    channels: channels.map((channel) => {
      const everyone = channel.overwrites.get(guild.id);
      return {
        id: channel.seed.id,
        name: channel.seed.name ?? channel.seed.id,
        type: channel.seed.type,
        everyone: everyone ? { allow: String(everyone.allow), deny: String(everyone.deny) } : null,
        voice: [...voice]
          .filter(([, s]) => s.channelId === channel.seed.id)
          .map(([userId]) => nameOf(userId)),
      };
    }),
    bans: [...(state.bans.get(guild.id) ?? new Map())].map(([id, ban]) => ({
      id,
      username: nameOf(id),
      reason: ban.reason,
    })),
    posts,
  };
}
