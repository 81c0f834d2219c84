import type { ShardSpec } from "../../domain/music/shards.ts";
import type { AudioService, Clock, Database, DiscordApi, Logger } from "../../ports/index.ts";
import type { GuildLocks } from "./guild-locks.ts";
import type { NowPlaying } from "./now-playing.ts";
import type { NowPlayingAnnouncer } from "./now-playing-announcer.ts";
import type { PositionSaver } from "./position-saver.ts";
import type { SpeechInterludes } from "./speech-interludes.ts";
import type { VoiceStateCache } from "./voice-states.ts";

/** What the voice-node records about music for its /metrics. */
export interface MusicNodeMetrics {
  jobPickup(task: string, latencyMs: number): void;
  jobDone(action: string, outcome: "ok" | "refused" | "dropped" | "error"): void;
  trackException(): void;
  /** One `/ai voice` answer the voice-node was asked to speak, by outcome. */
  voiceLlmRequest?(outcome: string): void;
  /** Entries of uploaded playlists resolved: found, and not found. */
  uploadEntries?(found: number, notFound: number): void;
}

/** Timings, constants in production and short in tests. */
export interface MusicTimings {
  aloneLeaveMs: number;
  idleLeaveMs: number;
  positionFlushMs: number;
  interactionMaxAgeMs: number;
  /** Least time between two writes of a guild's now-playing message. */
  nowPlayingGapMs: number;
}

/** Everything the voice-node's music feature works with. */
export interface MusicNodeContext {
  db: Database;
  discord: DiscordApi;
  audio: AudioService;
  clock: Clock;
  log: Logger;
  metrics: MusicNodeMetrics;
  /** The bot's user id (its own voice state is not a listener). */
  botUserId: string;
  /** Which voice-node holds the players (written to the player rows). */
  nodeId: string;
  /** The shards whose guilds this node serves (jobs, restore). */
  shards: ShardSpec;
  /** Search prefix for plain-text queries (`ytsearch`). */
  defaultSearch: string;
  timings: MusicTimings;
  voice: VoiceStateCache;
  locks: GuildLocks;
  playing: NowPlaying;
  positions: PositionSaver;
  /** Spoken `/ai voice` answers, waiting or playing, per guild. */
  speech: SpeechInterludes;
  /** The now-playing message of each guild. */
  announcer: NowPlayingAnnouncer;
  /** Called when a guild's queue ran out or its channel emptied (auto-leave timers). */
  schedule: {
    idle(guildId: string): void;
    cancelIdle(guildId: string): void;
    checkAlone(guildId: string): void;
  };
}
