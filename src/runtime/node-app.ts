import type { Hono } from "hono";
import { createNodeGuardedFetch } from "../adapters/ai/node-guarded-fetch.ts";
import { createAiServices } from "../adapters/ai/services.ts";
import type { DatabaseHandle } from "../adapters/db/drizzle.ts";
import { createDiscordApi } from "../adapters/discord/rest.ts";
import { InProcessJobQueue } from "../adapters/jobs/in-process-queue.ts";
import { createSqlJobQueue } from "../adapters/jobs/sql-job-queue.ts";
import { createApp } from "../app.ts";
import type { Config } from "../config.ts";
import type { SimState } from "../dev/discord-sim/index.ts";
import {
  LOCAL_DISCORD_PATH,
  mountLocalDiscord,
  PLAYGROUND_BOT_TOKEN,
} from "../dev/local-discord.ts";
import { parseAllowlist } from "../domain/ai/index.ts";
import type { CommandModule } from "../interactions/types.ts";
import { TaskTracker } from "../platform/tasks.ts";
import type { ChatModel, Clock, JobQueue, Logger, VoiceSearch } from "../ports/index.ts";
import { createIsolate, type Isolate } from "./isolate.ts";
import { openNodeDatabase, type RetryPolicy } from "./node-database.ts";
import { type NodeRemoteCache, openNodeRemoteCache } from "./node-redis.ts";
import { runScheduledWork } from "./scheduled.ts";
import { createScheduler, type Scheduler } from "./scheduler.ts";
import { openRequestScope, type RequestResources } from "./scope.ts";

/** Options for {@link createNodeApp}. */
export interface NodeAppOptions {
  config: Config;
  /** Where PGlite keeps its data when DATABASE_URL is unset. */
  dataDir: string;
  /** A ready database (tests pass Neon-over-proxy); otherwise chosen from the config. */
  database?: DatabaseHandle;
  publicKey?: string;
  applicationId?: string;
  /** The origin the server will listen on, for the local Discord stand-in. */
  localDiscordOrigin?: string;
  log?: Logger;
  clock?: Clock;
  /** Replaces the command list (tests add modules of their own). */
  commands?: readonly CommandModule[];
  watchdogMs?: number;
  /**
   * Runs the scheduled work on a timer this often (the entry passes one minute). Unset: only
   * `POST /admin/scheduled` and {@link NodeApp.scheduler} run it (tests drive it themselves).
   */
  scheduleEveryMs?: number;
  /** Backoff of the background migrations while Postgres is away (tests shorten it). */
  migrationRetry?: RetryPolicy;
  /** The model used when no AI provider is configured (the playground's stand-in). */
  aiStandIn?: ChatModel;
  /** Cut answers after this long, as a short-lived runtime must (tests of Workers' limit). */
  aiCutAfterMs?: number;
  /** Told when a playground member joins or leaves voice (the local gateway dispatches it). */
  onVoiceState?: (guildId: string, userId: string, channelId: string | null) => void;
}

/** A Node-hosted app and what it needs at shutdown. */
export interface NodeApp {
  app: Hono;
  isolate: Isolate;
  database: DatabaseHandle;
  /** The process's Redis (TCP or Upstash), or none. */
  redis: NodeRemoteCache;
  /**
   * The job queue: graphile-worker's `add_job` on Postgres; on the embedded database an
   * in-process queue the playground's voice-node serves.
   */
  jobs: JobQueue;
  /** The local Discord stand-in's state (playground only). */
  localDiscord: SimState | null;
  /** Every request's post-response work; `idle()` waits for all of it. */
  tasks: TaskTracker;
  /** The scheduled work: runs one at a time, by timer or on demand. */
  scheduler: Scheduler;
  /** Points `/music play` suggestions at a voice-node started after the app (the playground's). */
  useVoiceSearch(search: VoiceSearch): void;
  close(): Promise<void>;
}

/**
 * The app on Node: one database pool and one Redis client for the process, requests
 * sharing them; post-response work tracked so shutdown (and tests) can wait for it.
 */
export async function createNodeApp(options: NodeAppOptions): Promise<NodeApp> {
  const isolate = createIsolate(options.config, {
    publicKey: options.publicKey,
    applicationId: options.applicationId,
    clock: options.clock,
    log: options.log,
    commands: options.commands,
    watchdogMs: options.watchdogMs,
  });
  const { config, log } = isolate;
  const database =
    options.database ??
    (await openNodeDatabase(config, options.dataDir, log, options.migrationRetry));
  const redis = await openNodeRemoteCache(config, log);
  const remote = redis.remote;
  const apiBase = options.localDiscordOrigin
    ? `${options.localDiscordOrigin}${LOCAL_DISCORD_PATH}/api`
    : config.DISCORD_API_BASE;
  const discord = createDiscordApi({
    apiBase,
    applicationId: isolate.applicationId,
    token: options.localDiscordOrigin ? PLAYGROUND_BOT_TOKEN : config.DISCORD_TOKEN,
  });
  const tasks = new TaskTracker(log);
  // Node lives on after the response, so answers run to their full 90 s: no cut.
  const ai = createAiServices({
    config,
    guardedFetch: createNodeGuardedFetch(parseAllowlist(config.AI_PROVIDER_ALLOWLIST).origins),
    standIn: options.aiStandIn,
    cutAfterMs: options.aiCutAfterMs ?? null,
  });
  // PGlite cannot give graphile-worker its sessions (LISTEN, SKIP LOCKED): dispatch in-process.
  const jobs: JobQueue = config.DATABASE_URL
    ? createSqlJobQueue(database.db)
    : new InProcessJobQueue(log, isolate.clock);
  const resources: RequestResources = { database, remote, discord, ai, jobs };
  const scheduler = createScheduler({
    run: (now) => runScheduledWork(isolate, resources, now),
    clock: isolate.clock,
    log,
    ready: () => database.ready(),
  });

  let localDiscord: SimState | null = null;
  const app = createApp({
    registry: isolate.registry,
    guards: isolate.guards,
    watchdogMs: isolate.watchdogMs,
    adminSecret: () => isolate.config.ADMIN_API_SECRET,
    verifier: () => isolate.verifier,
    openScope: () =>
      openRequestScope(isolate, resources, (work) =>
        tasks.run("request.after_response", () => work),
      ),
    runScheduled: () => scheduler.runNow(),
    extend: options.localDiscordOrigin
      ? (hono) => {
          localDiscord = mountLocalDiscord(hono, {
            log,
            // Music answers come from jobs: wait for them too.
            settled: async () => {
              await tasks.idle();
              if (jobs instanceof InProcessJobQueue) await jobs.idle();
              await tasks.idle();
            },
            dataDir: options.dataDir,
            applicationId: isolate.applicationId,
            onVoiceState: options.onVoiceState,
          });
        }
      : undefined,
  });

  if (options.scheduleEveryMs) scheduler.start(options.scheduleEveryMs);

  return {
    app,
    isolate,
    database,
    redis,
    jobs,
    localDiscord,
    tasks,
    scheduler,
    useVoiceSearch(search) {
      resources.voiceSearch = search;
    },
    async close() {
      await scheduler.stop();
      await tasks.idle();
      await redis.close();
      if (!options.database) await database.close();
    },
  };
}
