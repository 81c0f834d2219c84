import { createNodeGuardedFetch } from "../adapters/ai/node-guarded-fetch.ts";
import { createAiServices } from "../adapters/ai/services.ts";
import type { DatabaseHandle } from "../adapters/db/drizzle.ts";
import { CacheFallbackState, type RemoteCache } from "../adapters/resilient-cache.ts";
import { aiAnswerTask, type JobScope } from "../ai/index.ts";
import type { Config } from "../config.ts";
import { AI_ANSWER_TASK, parseAllowlist } from "../domain/ai/index.ts";
import { lazyKeyring } from "../guild-keys/index.ts";
import {
  type Clock,
  cryptoRandom,
  type DiscordApi,
  type Logger,
  systemClock,
  type TaskRegistry,
} from "../ports/index.ts";
import { openRequestScope } from "./scope.ts";

/** What the long-lived worker shares with the AI tasks it runs. */
export interface AiWorkerResources {
  /** The edge's configuration schema, read from the worker's environment (AI_*, keys, Redis). */
  config: Config;
  database: DatabaseHandle;
  discord: DiscordApi;
  remote: RemoteCache | null;
  log: Logger;
  clock?: Clock;
}

/**
 * The AI tasks for the long-lived worker's job runner (the voice-node's `extraTasks`):
 * `ai_answer` finishes answers a short-lived runtime handed over. Each job gets the same
 * dependencies a request gets, with no answer cut and guild URLs guarded at connect time.
 */
export function aiWorkerTasks(resources: AiWorkerResources): TaskRegistry {
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
  const ai = createAiServices({
    config,
    guardedFetch: createNodeGuardedFetch(parseAllowlist(config.AI_PROVIDER_ALLOWLIST).origins),
    cutAfterMs: null,
  });
  const openScope = (): JobScope => {
    let flushed: Promise<void> = Promise.resolve();
    const scope = openRequestScope(
      isolate,
      { database: resources.database, remote: resources.remote, discord: resources.discord, ai },
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
  return new Map([[AI_ANSWER_TASK, aiAnswerTask(openScope)]]);
}
