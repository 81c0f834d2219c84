import type {
  BanRecord,
  GuildRecord,
  InteractionRecord,
  JsonObject,
  SeedChannel,
  SeedRole,
  SimState,
  StoredOverwrite,
  UserProfile,
  VoiceStateRecord,
} from "./state.ts";

/** The file format version; a snapshot of another version is not loaded. */
export const SNAPSHOT_VERSION = 1;
/** Interaction tokens kept in a snapshot (they expire after 15 minutes anyway). */
const KEPT_INTERACTIONS = 50;
/** Messages kept per channel in a snapshot. */
const KEPT_MESSAGES = 200;

/** The simulated Discord as JSON, for `.data/`. */
export interface SimSnapshot {
  version: number;
  /** Names of the playground seeds already applied. */
  seeds: string[];
  guilds: {
    id: string;
    ownerId: string;
    name: string;
    roles: (Omit<SeedRole, "permissions"> & { permissions?: string })[];
    channelIds: string[];
    members: Record<string, string[]>;
  }[];
  channels: {
    seed: SeedChannel;
    guildId: string;
    overwrites: StoredOverwrite[];
    messages: JsonObject[];
  }[];
  bans: Record<string, Record<string, BanRecord>>;
  voiceStates: Record<string, Record<string, VoiceStateRecord>>;
  users: Record<string, UserProfile>;
  interactions: Record<string, InteractionRecord>;
  globalCommands: JsonObject[];
  guildCommands: Record<string, JsonObject[]>;
  features: Record<string, unknown>;
}

const nested = <T>(outer: Map<string, Map<string, T>>) =>
  Object.fromEntries([...outer].map(([key, inner]) => [key, Object.fromEntries(inner)]));

/** The state as JSON-ready data (the newest interactions and messages only). */
export function toSnapshot(state: SimState, seeds: Iterable<string>): SimSnapshot {
  return {
    version: SNAPSHOT_VERSION,
    seeds: [...seeds],
    guilds: [...state.guilds.values()].map((guild) => ({
      ...guild,
      roles: guild.roles.map((role) => ({ ...role, permissions: String(role.permissions ?? "0") })),
      members: Object.fromEntries(guild.members),
    })),
    channels: [...state.channels.values()].map((channel) => ({
      seed: channel.seed,
      guildId: channel.guildId,
      overwrites: [...channel.overwrites.values()],
      messages: channel.messages.slice(-KEPT_MESSAGES),
    })),
    bans: nested(state.bans),
    voiceStates: nested(state.voiceStates),
    users: Object.fromEntries(state.users),
    interactions: Object.fromEntries([...state.interactions].slice(-KEPT_INTERACTIONS)),
    globalCommands: state.globalCommands,
    guildCommands: Object.fromEntries(state.guildCommands),
    features: Object.fromEntries(state.features),
  };
}

const toMaps = <T>(record: Record<string, Record<string, T>>) =>
  Object.entries(record).map(([key, inner]) => [key, new Map(Object.entries(inner))] as const);

/** Replaces `state`'s contents with a snapshot's; throws on a snapshot of another version. */
export function restoreSnapshot(state: SimState, snapshot: SimSnapshot): void {
  if (snapshot.version !== SNAPSHOT_VERSION) {
    throw new Error(`snapshot version ${snapshot.version}, expected ${SNAPSHOT_VERSION}`);
  }
  state.clear();
  for (const guild of snapshot.guilds) {
    const record: GuildRecord = { ...guild, members: new Map(Object.entries(guild.members)) };
    state.guilds.set(guild.id, record);
  }
  for (const channel of snapshot.channels) {
    state.channels.set(channel.seed.id, {
      seed: channel.seed,
      guildId: channel.guildId,
      overwrites: new Map(channel.overwrites.map((o) => [o.id, o])),
      messages: channel.messages,
    });
  }
  for (const [key, inner] of toMaps(snapshot.bans)) state.bans.set(key, inner);
  for (const [key, inner] of toMaps(snapshot.voiceStates)) state.voiceStates.set(key, inner);
  for (const [id, profile] of Object.entries(snapshot.users)) state.users.set(id, profile);
  for (const [token, record] of Object.entries(snapshot.interactions)) {
    state.interactions.set(token, record);
  }
  state.globalCommands = snapshot.globalCommands;
  for (const [id, commands] of Object.entries(snapshot.guildCommands)) {
    state.guildCommands.set(id, commands);
  }
  for (const [key, value] of Object.entries(snapshot.features)) state.features.set(key, value);
}
