import type { DatabaseHandle } from "../adapters/db/drizzle.ts";
import { CacheFallbackState, type RemoteCache } from "../adapters/resilient-cache.ts";
import type { Config } from "../config.ts";
import { lazyKeyring } from "../guild-keys/index.ts";
import {
  type AiServices,
  type Clock,
  cryptoRandom,
  type Deps,
  type DiscordApi,
  type Logger,
  systemClock,
} from "../ports/index.ts";
import { openRequestScope } from "./scope.ts";

/** What the long-lived worker shares with the tasks it runs. */
export interface WorkerResources {
  /** The edge's configuration schema, read from the worker's environment (AI_*, keys, Redis). */
  config: Config;
  database: DatabaseHandle;
  discord: DiscordApi;
  /** Redis: the Discord global budget is shared through it with every other process. */
  remote: RemoteCache | null;
  log: Logger;
  clock?: Clock;
}

/** One job's dependencies; `finish` resolves once its after-response work is flushed. */
export interface WorkerJobScope {
  deps: Deps;
  finish(): Promise<void>;
}

/**
 * Opens, per job, a scope with the same dependencies a request gets (one isolate's worth of
 * fallback state and keyring shared by every job). `ai` replaces the request default.
 */
export function workerScopes(resources: WorkerResources, ai?: AiServices): () => WorkerJobScope {
  const { config, log } = resources;
  const clock = resources.clock ?? systemClock;
  const isolate = {
    config,
    log,
    clock,
    random: cryptoRandom,
    fallback: new CacheFallbackState(clock),
    keyring: lazyKeyring(config.GUILD_KEYS_MASTER_KEYS),
  };
  const { database, remote, discord } = resources;
  return () => {
    let flushed: Promise<void> = Promise.resolve();
    const scope = openRequestScope(
      isolate,
      ai ? { database, remote, discord, ai } : { database, remote, discord },
      (work) => {
        flushed = work;
      },
    );
    return {
      deps: scope.deps,
      finish: async () => {
        scope.finish();
        await flushed;
      },
    };
  };
}
