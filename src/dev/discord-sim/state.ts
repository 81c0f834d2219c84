/** A JSON object as the simulator stores and returns it. */
export type JsonObject = Record<string, unknown>;

/** A role to seed. Permissions as Discord sends them (a decimal string) or a bigint. */
export interface SeedRole {
  id: string;
  name?: string;
  permissions?: string | bigint;
  position?: number;
  color?: number;
  hoist?: boolean;
  managed?: boolean;
  mentionable?: boolean;
}

/** A permission overwrite to seed (type 0 role, 1 member). */
export interface SeedOverwrite {
  id: string;
  type: 0 | 1;
  allow: string;
  deny: string;
}

/** A channel to seed: type 0 text, 2 voice, 4 category, 5 announcement. */
export interface SeedChannel {
  id: string;
  type: 0 | 2 | 4 | 5;
  name?: string;
  parent_id?: string | null;
  position?: number;
  topic?: string | null;
  permission_overwrites?: SeedOverwrite[];
}

/** What the simulator knows of a user beyond the id (the name it shows). */
export interface UserProfile {
  username: string;
  global_name?: string | null;
  bot?: boolean;
}

/**
 * A guild to seed. `members` maps user id → role ids (besides @everyone); `users` names
 * them; `bans` maps user id → audit-log reason; `voice` maps user id → voice channel id.
 */
export interface SeedGuild {
  id: string;
  ownerId: string;
  name?: string;
  roles?: SeedRole[];
  channels?: SeedChannel[];
  members?: Record<string, string[]>;
  users?: Record<string, UserProfile>;
  bans?: Record<string, string | null>;
  voice?: Record<string, string>;
}

/** An overwrite exactly as seeded or as the last PUT sent it (no normalisation). */
export interface StoredOverwrite {
  id: string;
  type: unknown;
  allow: unknown;
  deny: unknown;
}

/** A guild as stored. `members` maps user id → role ids (without @everyone). */
export interface GuildRecord {
  id: string;
  ownerId: string;
  name: string;
  roles: SeedRole[];
  channelIds: string[];
  members: Map<string, string[]>;
}

/** A channel as stored. */
export interface ChannelRecord {
  seed: SeedChannel;
  guildId: string;
  overwrites: Map<string, StoredOverwrite>;
  /** Messages posted in the channel (by the bot), oldest first. */
  messages: JsonObject[];
}

/** A ban: who and why (`X-Audit-Log-Reason`, decoded). */
export interface BanRecord {
  reason: string | null;
}

/** A member's voice connection: the channel and the flags Discord reports. */
export interface VoiceStateRecord {
  channelId: string;
  sessionId: string;
  selfMute: boolean;
  selfDeaf: boolean;
}

/** What the simulator knows about one issued interaction token. */
export interface InteractionRecord {
  issuedAt: number;
  /** Channel the interaction happened in (for the messages' `channel_id`). */
  channelId: string;
  acknowledged: boolean;
  original: JsonObject | null;
  followups: JsonObject[];
}

/** Everything the simulated Discord remembers; seeded, then changed by requests. */
export class SimState {
  readonly guilds = new Map<string, GuildRecord>();
  readonly channels = new Map<string, ChannelRecord>();
  /** guild id → user id → ban. */
  readonly bans = new Map<string, Map<string, BanRecord>>();
  /** guild id → user ids whose ban fails whatever the hierarchy says (test control). */
  readonly unbannable = new Map<string, Set<string>>();
  /** guild id → user id → voice state. */
  readonly voiceStates = new Map<string, Map<string, VoiceStateRecord>>();
  /** user id → profile; users without one get a derived name. */
  readonly users = new Map<string, UserProfile>();
  /** interaction token → record. */
  readonly interactions = new Map<string, InteractionRecord>();
  /** Registered global commands, as returned by Discord. */
  globalCommands: JsonObject[] = [];
  /** guild id → registered guild commands. */
  readonly guildCommands = new Map<string, JsonObject[]>();
  /** Feature-owned JSON state (see {@link SimState.feature}); persisted with the rest. */
  readonly features = new Map<string, unknown>();

  /** Adds (or replaces) a guild with its roles, channels, members, bans and voice states. */
  addGuild(seed: SeedGuild): void {
    const roles = [...(seed.roles ?? [])];
    if (!roles.some((role) => role.id === seed.id)) {
      roles.unshift({ id: seed.id, name: "@everyone", permissions: "1071698660929", position: 0 });
    }
    const members = new Map(Object.entries(seed.members ?? {}));
    if (!members.has(seed.ownerId)) members.set(seed.ownerId, []);
    for (const channel of seed.channels ?? []) {
      const overwrites = new Map<string, StoredOverwrite>();
      for (const overwrite of channel.permission_overwrites ?? []) {
        overwrites.set(overwrite.id, { ...overwrite });
      }
      this.channels.set(channel.id, { seed: channel, guildId: seed.id, overwrites, messages: [] });
    }
    this.guilds.set(seed.id, {
      id: seed.id,
      ownerId: seed.ownerId,
      name: seed.name ?? `Guild ${seed.id.slice(-4)}`,
      roles,
      channelIds: (seed.channels ?? []).map((channel) => channel.id),
      members,
    });
    for (const [userId, profile] of Object.entries(seed.users ?? {})) {
      this.users.set(userId, profile);
    }
    for (const [userId, reason] of Object.entries(seed.bans ?? {})) {
      this.guildBans(seed.id).set(userId, { reason });
    }
    for (const [userId, channelId] of Object.entries(seed.voice ?? {})) {
      this.setVoiceState(seed.id, userId, channelId);
    }
  }

  /** Adds a channel to an existing guild (a feature's seed, or a test). */
  addChannel(guildId: string, channel: SeedChannel): void {
    const guild = this.guilds.get(guildId);
    if (!guild) throw new Error(`addChannel: unknown guild ${guildId}`);
    const overwrites = new Map(
      (channel.permission_overwrites ?? []).map((o) => [o.id, { ...o }] as const),
    );
    this.channels.set(channel.id, { seed: channel, guildId, overwrites, messages: [] });
    if (!guild.channelIds.includes(channel.id)) guild.channelIds.push(channel.id);
  }

  /** Makes every ban of `userId` in `guildId` fail. */
  markUnbannable(guildId: string, userId: string): void {
    const users = this.unbannable.get(guildId) ?? new Set<string>();
    users.add(userId);
    this.unbannable.set(guildId, users);
  }

  /** Bans of a guild (created on first use). */
  guildBans(guildId: string): Map<string, BanRecord> {
    let bans = this.bans.get(guildId);
    if (!bans) {
      bans = new Map();
      this.bans.set(guildId, bans);
    }
    return bans;
  }

  /** Ids of the users banned from a guild. */
  bannedUserIds(guildId: string): string[] {
    return [...(this.bans.get(guildId)?.keys() ?? [])];
  }

  /** Puts a member in a voice channel, or takes them out with `null`. */
  setVoiceState(guildId: string, userId: string, channelId: string | null): void {
    let states = this.voiceStates.get(guildId);
    if (!states) {
      states = new Map();
      this.voiceStates.set(guildId, states);
    }
    if (channelId === null) states.delete(userId);
    else {
      const sessionId = `sim-${userId.slice(-6)}-${channelId.slice(-4)}`;
      states.set(userId, { channelId, sessionId, selfMute: false, selfDeaf: false });
    }
  }

  /** A member's voice state, or undefined when they are not in voice. */
  voiceState(guildId: string, userId: string): VoiceStateRecord | undefined {
    return this.voiceStates.get(guildId)?.get(userId);
  }

  /** A channel's overwrites exactly as stored, in insertion order. */
  overwrites(channelId: string): StoredOverwrite[] {
    return [...(this.channels.get(channelId)?.overwrites.values() ?? [])];
  }

  /** Messages the bot posted in a channel. */
  channelMessages(channelId: string): JsonObject[] {
    return this.channels.get(channelId)?.messages ?? [];
  }

  /**
   * An interaction's response or follow-up in a channel, by id: on Discord these are messages
   * of the channel like any other, which the bot token may read and edit.
   */
  interactionMessage(channelId: string, messageId: string): JsonObject | null {
    for (const record of this.interactions.values()) {
      for (const message of [record.original, ...record.followups]) {
        if (message?.id === messageId && message.channel_id === channelId) return message;
      }
    }
    return null;
  }

  /** Removes an interaction's response or follow-up (deleted through the channel route). */
  forgetInteractionMessage(message: JsonObject): void {
    for (const record of this.interactions.values()) {
      if (record.original === message) record.original = null;
      record.followups = record.followups.filter((followup) => followup !== message);
    }
  }

  /** The original response and follow-ups sent through an interaction token. */
  interactionMessages(token: string): { original: JsonObject | null; followups: JsonObject[] } {
    const record = this.interactions.get(token);
    return { original: record?.original ?? null, followups: record?.followups ?? [] };
  }

  /** Registers an interaction token as Discord does when it sends an interaction. */
  issueInteraction(token: string, options: { now: number; channelId: string }): InteractionRecord {
    const record: InteractionRecord = {
      issuedAt: options.now,
      channelId: options.channelId,
      acknowledged: false,
      original: null,
      followups: [],
    };
    this.interactions.set(token, record);
    return record;
  }

  /**
   * A feature's own JSON state under `key`, created by `init` on first use and persisted
   * with the guild (so a feature needs no field here). Keep it JSON-serialisable.
   */
  feature<T>(key: string, init: () => T): T {
    if (!this.features.has(key)) this.features.set(key, init());
    return this.features.get(key) as T;
  }

  /** Forgets everything. */
  clear(): void {
    this.guilds.clear();
    this.channels.clear();
    this.bans.clear();
    this.unbannable.clear();
    this.voiceStates.clear();
    this.users.clear();
    this.interactions.clear();
    this.globalCommands = [];
    this.guildCommands.clear();
    this.features.clear();
  }
}
