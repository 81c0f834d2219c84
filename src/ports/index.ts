import type { Config } from "../config.ts";
import type { MasterKeyring } from "../domain/guild-keys/index.ts";
import type { AiServices } from "./ai.ts";
import type { Background } from "./background.ts";
import type { Clock, Random } from "./clock.ts";
import type { Database, DatabaseProbe } from "./database.ts";
import type { DiscordApi } from "./discord.ts";
import type { JobQueue } from "./jobs.ts";
import type { Logger } from "./logger.ts";
import type { MetricsRecorder } from "./metrics.ts";
import type { RateLimiter } from "./rate-limiter.ts";
import type { KeyValueStore } from "./store.ts";
import type { VoiceSearch } from "./voice-search.ts";

export {
  type AiFailureKind,
  AiProviderError,
  type AiServices,
  type ChatModel,
  type GuildProvider,
  type StreamOptions,
} from "./ai.ts";
export type {
  AudioEvents,
  AudioNodeStatus,
  AudioService,
  AudioTrack,
  ConnectOptions,
  LoadOutcome,
  PlayOptions,
  ResumedPlayer,
  TrackEndReason,
} from "./audio.ts";
export { AudioRequestError, AudioUnavailableError } from "./audio.ts";
export type { Background } from "./background.ts";
export type { Clock, Random } from "./clock.ts";
export { cryptoRandom, systemClock } from "./clock.ts";
export type { Database, DatabaseProbe, PoolStats } from "./database.ts";
export { DatabaseUnavailableError } from "./database.ts";
export type {
  AttachmentDownload,
  AttachmentsArea,
  BulkBanResult,
  ChannelsArea,
  DiscordApi,
  GuildChannel,
  GuildInfo,
  GuildsArea,
  InteractionWebhooks,
  MessageBody,
  OverwriteBits,
  RateLimitPressure,
} from "./discord.ts";
export { DiscordRequestError, MissingBotTokenError } from "./discord-errors.ts";
export type { EnqueueOptions, JobInfo, JobQueue, TaskHandler, TaskRegistry } from "./jobs.ts";
export type { LogFields, Logger } from "./logger.ts";
export type {
  CommandOutcome,
  MetricsRecorder,
  MetricsSnapshot,
} from "./metrics.ts";
export type { LimitDecision, LimitRule, RateLimiter } from "./rate-limiter.ts";
export type { KeyValueStore, SetOptions } from "./store.ts";
export type { VoiceGateway } from "./voice-gateway.ts";
export type { TrackSuggestion, VoiceSearch } from "./voice-search.ts";

/**
 * Everything a request may touch, built per request by the runtime's entry
 * (worker, node, tests). Command code receives it; it never imports a driver.
 */
export interface Deps {
  config: Config;
  db: Database;
  dbProbe: DatabaseProbe;
  store: KeyValueStore;
  limiter: RateLimiter;
  discord: DiscordApi;
  /** The durable job queue (music jobs go to the voice-node through it). */
  jobs: JobQueue;
  /** The voice-node's search, for `/music play` suggestions; null when VOICE_NODE_URL is unset. */
  voiceSearch: VoiceSearch | null;
  metrics: MetricsRecorder;
  background: Background;
  clock: Clock;
  random: Random;
  log: Logger;
  /** AI models of this runtime (the operator's, guilds' own) and the answer time budget. */
  ai: AiServices;
  /** The master keys that wrap guild data keys; null when GUILD_KEYS_MASTER_KEYS is unset. */
  keyring: (() => Promise<MasterKeyring>) | null;
}
