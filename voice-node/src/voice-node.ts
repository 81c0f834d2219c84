import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { DatabaseHandle } from "../../src/adapters/db/drizzle.ts";
import { migratePostgres } from "../../src/adapters/db/migrate.ts";
import { createNodePostgresDatabase } from "../../src/adapters/db/node-postgres.ts";
import { createDiscordApi } from "../../src/adapters/discord/rest.ts";
import { DiscordGateway } from "../../src/adapters/gateway/discord-gateway.ts";
import { type JobRunner, startJobRunner } from "../../src/adapters/jobs/graphile-runner.ts";
import type { InProcessJobQueue } from "../../src/adapters/jobs/in-process-queue.ts";
import { LavalinkAudio } from "../../src/adapters/lavalink/lavalink-audio.ts";
import {
  findVoiceNode,
  markOffline,
  saveGatewaySessions,
} from "../../src/data/music/voice-nodes.ts";
import { formatShardSpec, SINGLE_SHARD } from "../../src/domain/music/shards.ts";
import { createMusicNode, type MusicNode, type MusicTimings } from "../../src/music/node/index.ts";
import type { UploadSettings } from "../../src/music/node/upload/upload-task.ts";
import { createLogger, describeError } from "../../src/platform/logger.ts";
import {
  type Clock,
  type DiscordApi,
  type Logger,
  systemClock,
  type TaskRegistry,
} from "../../src/ports/index.ts";
import type { VoiceNodeConfig } from "./config.ts";
import { HeartbeatWriter } from "./heartbeat.ts";
import { voiceNodeHttp } from "./http.ts";
import { VoiceNodeMetrics } from "./metrics.ts";

/** Playlist uploads resolved at once (each runs its own bounded Lavalink loads). */
const BULK_CONCURRENCY = 2;

/** Longest wait for the first restore before taking jobs (Lavalink may be down). */
const RESTORE_WAIT_MS = 10_000;

/** Options of {@link startVoiceNode}. */
export interface VoiceNodeOptions {
  config: VoiceNodeConfig;
  log?: Logger;
  clock?: Clock;
  /** A ready database (the playground's PGlite); otherwise DATABASE_URL. */
  database?: DatabaseHandle;
  /** Serve jobs in-process (the playground on PGlite) instead of with graphile-worker. */
  inProcessJobs?: InProcessJobQueue;
  timings?: Partial<MusicTimings>;
  /**
   * More task handlers for the job runner (long AI answers, long moderation jobs…): the
   * voice-node is the project's long-lived worker; music's own tasks are always served.
   * A function receives the node's database, Discord REST and logger to build them with.
   */
  extraTasks?: TaskRegistry | ((shared: SharedResources) => TaskRegistry);
  /** Listen on this port instead of VOICE_NODE_PORT (0: any free port); null: no HTTP. */
  port?: number | null;
  /** The address to listen on; default every interface (a container's port is published). */
  hostname?: string;
  /** How long a dropped Lavalink node may take to come back before its players move. */
  failoverGraceMs?: number;
  /** How playlist uploads are worked through (tests shorten the progress-edit gap). */
  uploads?: Partial<UploadSettings>;
}

/** What the voice-node shares with other features' tasks. */
export interface SharedResources {
  database: DatabaseHandle;
  discord: DiscordApi;
  log: Logger;
}

/** A running voice-node. */
export interface VoiceNode {
  /** The HTTP port, or null without HTTP. */
  readonly port: number | null;
  readonly music: MusicNode;
  readonly gateway: DiscordGateway;
  readonly audio: LavalinkAudio;
  readonly metrics: VoiceNodeMetrics;
  /**
   * SIGTERM: marks itself offline at once, stops taking jobs, saves every position and the
   * gateway session, and leaves the Lavalink session to be resumed by the next process.
   */
  shutdown(): Promise<void>;
}

/** Starts the voice-node: gateway, Lavalink, the job runner, the heartbeat and its HTTP. */
export async function startVoiceNode(options: VoiceNodeOptions): Promise<VoiceNode> {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const log =
    options.log ??
    createLogger({
      level: config.LOG_LEVEL,
      secrets: [
        config.DISCORD_TOKEN,
        config.ADMIN_API_SECRET,
        config.VOICE_NODE_SECRET,
        config.UPSTASH_REDIS_REST_TOKEN,
        ...config.lavalinkNodes.map((n) => n.password),
      ],
    });
  if (!options.database) await migratePostgres(config.DATABASE_URL);
  const database = options.database ?? createNodePostgresDatabase(config.DATABASE_URL, log);
  const db = database.db;
  const previous = await findVoiceNode(db, config.VOICE_NODE_ID);
  const savedLavalink = (previous?.lavalink ?? {}) as Record<string, { sessionId?: string | null }>;

  const discord = createDiscordApi({
    apiBase: config.DISCORD_API_BASE,
    applicationId: config.DISCORD_APPLICATION_ID,
    token: config.DISCORD_TOKEN,
  });
  let music: MusicNode | null = null;
  let heartbeat: HeartbeatWriter | null = null;
  let audio: LavalinkAudio | null = null;
  const gateway = new DiscordGateway({
    token: config.DISCORD_TOKEN,
    apiBase: config.DISCORD_API_BASE,
    sessions: (previous?.gatewaySessions ?? {}) as Record<string, unknown>,
    shards: config.shards,
    log,
    onDispatch: (payload) => {
      void audio?.onDispatch(payload);
      music?.onDispatch(payload.t, payload.d);
    },
  });
  audio = new LavalinkAudio({
    nodes: config.lavalinkNodes,
    botUserId: config.DISCORD_APPLICATION_ID,
    sendToShard: (guildId, payload) => gateway.sendToGuildShard(guildId, payload),
    onNodeChange: () => void heartbeat?.beat(),
    failoverGraceMs: options.failoverGraceMs,
    sessionIds: Object.fromEntries(
      Object.entries(savedLavalink).flatMap(([name, node]) =>
        typeof node?.sessionId === "string" ? [[name, node.sessionId]] : [],
      ),
    ),
    log,
  });
  const audioService = audio;
  const metrics = new VoiceNodeMetrics({ audio: () => audioService, gateway: () => gateway });
  const shards = config.shards ?? SINGLE_SHARD;
  const beats = new HeartbeatWriter({
    id: config.VOICE_NODE_ID,
    db,
    gateway,
    audio,
    clock,
    log,
    shards: config.shards ? formatShardSpec(config.shards) : null,
  });
  heartbeat = beats;
  music = createMusicNode({
    db,
    discord,
    audio,
    clock,
    log,
    metrics,
    botUserId: config.DISCORD_APPLICATION_ID,
    nodeId: config.VOICE_NODE_ID,
    shards,
    defaultSearch: config.MUSIC_DEFAULT_SEARCH,
    timings: options.timings,
    uploads: options.uploads,
    gatewayReady: gateway.ready,
    onSessionReady: () => void beats.beat(),
  });
  const musicNode = music;

  await audio.start();
  await gateway.connect();
  // Commands wait for the restore of the players, or for Lavalink to be found down.
  await Promise.race([
    musicNode.restored,
    new Promise((resolve) => setTimeout(resolve, RESTORE_WAIT_MS).unref()),
  ]);
  let runner: JobRunner | null = null;
  let bulkRunner: JobRunner | null = null;
  // Other features' tasks run on one process only, the one holding shard 0: a second node
  // serving them would unlock (and run again) the jobs a live node holds when it starts.
  const extra = !shards.ids.includes(0)
    ? []
    : typeof options.extraTasks === "function"
      ? options.extraTasks({ database, discord, log })
      : (options.extraTasks ?? []);
  const tasks: TaskRegistry = new Map([...extra, ...musicNode.tasks]);
  if (options.inProcessJobs) {
    options.inProcessJobs.serve(new Map([...tasks, ...musicNode.bulkTasks]));
  } else {
    runner = await startJobRunner({ connectionString: config.DATABASE_URL, registry: tasks, log });
    // Uploads get slots of their own: a busy hour of uploads never delays a skip.
    bulkRunner = await startJobRunner({
      connectionString: config.DATABASE_URL,
      registry: musicNode.bulkTasks,
      log,
      concurrency: BULK_CONCURRENCY,
    });
  }
  let working = true;
  void gateway.ready.then(() => beats.beat());
  beats.start();

  const port = options.port === undefined ? config.VOICE_NODE_PORT : options.port;
  const server =
    port === null
      ? null
      : serve({
          fetch: voiceNodeHttp({
            gateway,
            audio,
            metrics,
            worker: () => (working ? "running" : "stopped"),
            adminSecret: config.ADMIN_API_SECRET,
            searchSecret: config.VOICE_NODE_SECRET,
            defaultSearch: config.MUSIC_DEFAULT_SEARCH,
          }).fetch,
          port,
          hostname: options.hostname ?? "0.0.0.0",
        });
  if (server) await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const boundPort = server ? (server.address() as AddressInfo).port : null;
  log.info("voice_node.started", {
    id: config.VOICE_NODE_ID,
    shards: formatShardSpec(shards),
    port: boundPort,
    unlocked: (runner?.unlocked.length ?? 0) + (bulkRunner?.unlocked.length ?? 0),
  });

  return {
    port: boundPort,
    music: musicNode,
    gateway,
    audio: audioService,
    metrics,
    async shutdown() {
      const step = async (name: string, work: () => Promise<unknown>) => {
        try {
          await work();
        } catch (error) {
          log.warn("voice_node.shutdown_step_failed", { step: name, error: describeError(error) });
        }
      };
      await step("heartbeat", () => beats.stop());
      await step("offline", () => markOffline(db, config.VOICE_NODE_ID));
      working = false;
      musicNode.drain();
      await step("jobs", async () => Promise.all([runner?.stop(), bulkRunner?.stop()]));
      await step("positions", () => musicNode.flush());
      musicNode.stop();
      await step("gateway", async () =>
        saveGatewaySessions(db, config.VOICE_NODE_ID, await gateway.detach()),
      );
      await step("lavalink", () => audioService.detach());
      await step(
        "http",
        () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
      );
      if (!options.database) await step("database", () => database.close());
      log.info("voice_node.stopped", { id: config.VOICE_NODE_ID });
    },
  };
}
