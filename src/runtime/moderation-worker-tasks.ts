import type { DatabaseHandle } from "../adapters/db/drizzle.ts";
import { CacheFallbackState, type RemoteCache } from "../adapters/resilient-cache.ts";
import type { Config } from "../config.ts";
import { MODERATION_JOB_TASK } from "../domain/moderation/index.ts";
import { lazyKeyring } from "../guild-keys/index.ts";
import { moderationJobTask } from "../moderation/index.ts";
import {
  type Clock,
  cryptoRandom,
  type DiscordApi,
  type Logger,
  systemClock,
  type TaskRegistry,
} from "../ports/index.ts";
import { openRequestScope } from "./scope.ts";

/** What the long-lived worker shares with the moderation tasks it runs. */
export interface ModerationWorkerResources {
  config: Config;
  database: DatabaseHandle;
  discord: DiscordApi;
  /** Redis: the Discord global budget is shared through it with every other process. */
  remote: RemoteCache | null;
  log: Logger;
  clock?: Clock;
}

/**
 * The moderation tasks for the long-lived worker's job runner (the voice-node's
 * `extraTasks`): `moderation_job` carries on server lockdowns, unlocks and massbans that a
 * request's `waitUntil` handed over, each job with the dependencies a request gets.
 */
export function moderationWorkerTasks(resources: ModerationWorkerResources): TaskRegistry {
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
  const openScope = () => {
    let flushed: Promise<void> = Promise.resolve();
    const scope = openRequestScope(
      isolate,
      { database: resources.database, remote: resources.remote, discord: resources.discord },
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
  return new Map([[MODERATION_JOB_TASK, moderationJobTask(openScope)]]);
}
