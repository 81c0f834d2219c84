/** A JSON object as the fake stores and returns it. */
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
  permission_overwrites?: SeedOverwrite[];
}

/** A guild to seed. `members` maps user id → role ids (besides @everyone). */
export interface SeedGuild {
  id: string;
  ownerId: string;
  name?: string;
  roles?: SeedRole[];
  channels?: SeedChannel[];
  members?: Record<string, string[]>;
}

/** An overwrite exactly as seeded or as the last PUT sent it (no normalisation). */
export interface StoredOverwrite {
  id: string;
  type: unknown;
  allow: unknown;
  deny: unknown;
}

/** A guild as stored. */
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
  messages: JsonObject[];
}

/** A ban: who and why (`X-Audit-Log-Reason`, decoded). */
export interface BanRecord {
  reason: string | null;
}

/** What the fake knows about one issued interaction token. */
export interface InteractionRecord {
  issuedAt: number;
  /** Channel the interaction happened in (for the messages' `channel_id`). */
  channelId: string;
  acknowledged: boolean;
  original: JsonObject | null;
  followups: JsonObject[];
}

/** Everything the fake Discord remembers; seeded by tests, changed by requests. */
export class FakeDiscordState {
  readonly guilds = new Map<string, GuildRecord>();
  readonly channels = new Map<string, ChannelRecord>();
  /** guild id → user id → ban. */
  readonly bans = new Map<string, Map<string, BanRecord>>();
  /** guild id → user ids whose ban fails (e.g. above the bot in the role hierarchy). */
  readonly unbannable = new Map<string, Set<string>>();
  /** interaction token → record. */
  readonly interactions = new Map<string, InteractionRecord>();
  /** Registered global commands, as returned by Discord. */
  globalCommands: JsonObject[] = [];
  /** guild id → registered guild commands. */
  readonly guildCommands = new Map<string, JsonObject[]>();

  /** Adds (or replaces) a guild with its roles, channels and members. */
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

  /** A channel's overwrites exactly as stored, in insertion order. */
  overwrites(channelId: string): StoredOverwrite[] {
    return [...(this.channels.get(channelId)?.overwrites.values() ?? [])];
  }

  /** Messages the bot posted in a channel. */
  channelMessages(channelId: string): JsonObject[] {
    return this.channels.get(channelId)?.messages ?? [];
  }

  /** The original response and follow-ups sent through an interaction token. */
  interactionMessages(token: string): { original: JsonObject | null; followups: JsonObject[] } {
    const record = this.interactions.get(token);
    return { original: record?.original ?? null, followups: record?.followups ?? [] };
  }

  /** Forgets everything. */
  clear(): void {
    this.guilds.clear();
    this.channels.clear();
    this.bans.clear();
    this.unbannable.clear();
    this.interactions.clear();
    this.globalCommands = [];
    this.guildCommands.clear();
  }
}
