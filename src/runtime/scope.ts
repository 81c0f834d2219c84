import { createAiServices } from "../adapters/ai/services.ts";
import { createWebGuardedFetch } from "../adapters/ai/web-guarded-fetch.ts";
import type { DatabaseHandle } from "../adapters/db/drizzle.ts";
import { createSqlJobQueue } from "../adapters/jobs/sql-job-queue.ts";
import { type RemoteCache, resilientCache } from "../adapters/resilient-cache.ts";
import { createVoiceNodeSearch } from "../adapters/voice-node/search-client.ts";
import type { Config } from "../config.ts";
import { parseAllowlist } from "../domain/ai/index.ts";
import type { RequestScope } from "../http/scope.ts";
import { StoreMetricsRecorder } from "../platform/metrics.ts";
import { TaskTracker } from "../platform/tasks.ts";
import type { AiServices, Deps, DiscordApi, JobQueue, VoiceSearch } from "../ports/index.ts";
import type { Isolate } from "./isolate.ts";

/** The I/O side of a request: connections the runtime opened for it (or shares). */
export interface RequestResources {
  database: DatabaseHandle;
  remote: RemoteCache | null;
  discord: DiscordApi;
  /** The job queue; default graphile-worker's `add_job` over `database`. */
  jobs?: JobQueue;
  /** Default: the configured provider without a stand-in, guild URLs checked over DoH. */
  ai?: AiServices;
  /** Default: the voice-node at VOICE_NODE_URL, or none. */
  voiceSearch?: VoiceSearch | null;
}

/**
 * Assembles one request's {@link Deps}. `keepAlive` receives the promise of everything that
 * runs after the response (background work, then the metrics flush, then `release`).
 */
/** The part of an {@link Isolate} a scope needs (a job runner builds just this much). */
export type ScopeIsolate = Pick<
  Isolate,
  "config" | "log" | "clock" | "random" | "fallback" | "keyring"
>;

export function openRequestScope(
  isolate: ScopeIsolate,
  resources: RequestResources,
  keepAlive: (work: Promise<void>) => void,
  release: () => Promise<void> = async () => {},
): RequestScope {
  const { config, log, clock, random } = isolate;
  const { store, limiter } = resilientCache(resources.remote, isolate.fallback, clock, log);
  const background = new TaskTracker(log);
  const metrics = new StoreMetricsRecorder(store, config.REDIS_KEY_PREFIX);
  const deps: Deps = {
    config,
    db: resources.database.db,
    dbProbe: resources.database.probe,
    store,
    limiter,
    discord: resources.discord,
    jobs: resources.jobs ?? createSqlJobQueue(resources.database.db),
    voiceSearch:
      resources.voiceSearch !== undefined ? resources.voiceSearch : configuredVoiceSearch(config),
    metrics,
    background,
    clock,
    random,
    log,
    ai:
      resources.ai ??
      createAiServices({
        config,
        guardedFetch: createWebGuardedFetch(parseAllowlist(config.AI_PROVIDER_ALLOWLIST).origins),
        cutAfterMs: null,
      }),
    keyring: isolate.keyring,
  };
  return {
    deps,
    finish() {
      keepAlive(
        (async () => {
          await background.idle();
          await metrics.flush();
        })().finally(release),
      );
    },
  };
}

/** The voice-node's search at VOICE_NODE_URL (the schema requires its secret with it). */
function configuredVoiceSearch(config: Config): VoiceSearch | null {
  if (!config.VOICE_NODE_URL || !config.VOICE_NODE_SECRET) return null;
  return createVoiceNodeSearch({
    baseUrl: config.VOICE_NODE_URL,
    secret: config.VOICE_NODE_SECRET,
  });
}
