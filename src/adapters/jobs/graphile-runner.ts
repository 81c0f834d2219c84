import {
  Logger as GraphileLogger,
  type Runner,
  run,
  runMigrations,
  type Task,
} from "graphile-worker";
import pg from "pg";
import { describeError } from "../../platform/logger.ts";
import type { Logger, TaskRegistry } from "../../ports/index.ts";

/** graphile-worker's own chatter goes to our logger at debug level; warnings and errors stay. */
function graphileLogger(log: Logger): GraphileLogger {
  return new GraphileLogger(() => (level, message) => {
    if (level === "error") log.error("jobs.runner", { message });
    else if (level === "warning") log.warn("jobs.runner", { message });
    else log.debug("jobs.runner", { message });
  });
}

/**
 * Installs (or upgrades) graphile-worker's schema, so the edge can `add_job` before any worker
 * ever ran. Part of `npm run db:migrate`.
 */
export async function migrateJobQueue(connectionString: string, log?: Logger): Promise<void> {
  await runMigrations({
    connectionString,
    logger: log ? graphileLogger(log) : new GraphileLogger(() => () => {}),
  });
}

/**
 * Unlocks the jobs and queues a dead predecessor still holds. graphile-worker only frees a
 * crashed worker's locks after 4 hours, stalling that guild's music until then. Called before
 * this process starts its own workers, so every lock on our tasks belongs to a dead process.
 */
export async function unlockStaleWorkers(
  pool: pg.Pool,
  tasks: readonly string[],
): Promise<string[]> {
  const { rows } = await pool.query<{ locked_by: string }>(
    `select distinct j.locked_by from graphile_worker._private_jobs j
       join graphile_worker._private_tasks t on t.id = j.task_id
      where j.locked_by is not null and t.identifier = any($1::text[])
     union
     select distinct q.locked_by from graphile_worker._private_job_queues q
      where q.locked_by is not null and exists (
        select 1 from graphile_worker._private_jobs j
          join graphile_worker._private_tasks t on t.id = j.task_id
         where j.job_queue_id = q.id and t.identifier = any($1::text[]))`,
    [tasks],
  );
  const ids = rows.map((row) => row.locked_by);
  if (ids.length > 0) {
    await pool.query("select graphile_worker.force_unlock_workers($1::text[])", [ids]);
  }
  return ids;
}

/** Options of {@link startJobRunner}. */
export interface JobRunnerOptions {
  /** A direct (session) connection: LISTEN/NOTIFY does not work through a pooler. */
  connectionString: string;
  registry: TaskRegistry;
  log: Logger;
  /** Jobs run at once across queues; one queue's jobs still run one at a time. */
  concurrency?: number;
  /** Told when a job is picked up, with the delay since it became runnable. */
  onPickup?: (task: string, latencyMs: number) => void;
}

/** A running graphile-worker pool. */
export interface JobRunner {
  /** Stops taking jobs and waits for running ones (up to graphile's graceful timeout). */
  stop(): Promise<void>;
  /** Unlocks stale workers' jobs (see {@link unlockStaleWorkers}). */
  readonly unlocked: readonly string[];
}

/**
 * Starts graphile-worker on the registry's tasks: migrates its schema, unlocks what a crashed
 * predecessor held, then listens for jobs.
 */
export async function startJobRunner(options: JobRunnerOptions): Promise<JobRunner> {
  const { log } = options;
  const pool = new pg.Pool({ connectionString: options.connectionString, max: 4 });
  pool.on("error", (error) => log.warn("jobs.pool_error", { error: describeError(error) }));
  pool.on("connect", (client) =>
    client.on("error", (error) => log.warn("jobs.client_error", { error: describeError(error) })),
  );
  await migrateJobQueue(options.connectionString, log);
  const tasks = [...options.registry.keys()];
  const unlocked = await unlockStaleWorkers(pool, tasks);
  if (unlocked.length > 0) log.warn("jobs.unlocked_stale_workers", { workers: unlocked });

  const taskList: Record<string, Task> = {};
  for (const [name, handler] of options.registry) {
    taskList[name] = async (payload, helpers) => {
      const { job } = helpers;
      options.onPickup?.(name, Math.max(0, Date.now() - new Date(job.run_at).getTime()));
      await handler(payload, {
        id: String(job.id),
        attempt: job.attempts,
        maxAttempts: job.max_attempts,
        runAt: new Date(job.run_at),
      });
    };
  }
  const runner: Runner = await run({
    pgPool: pool,
    taskList,
    concurrency: options.concurrency ?? 10,
    noHandleSignals: true,
    pollInterval: 2000,
    logger: graphileLogger(log),
  });
  return {
    unlocked,
    async stop() {
      await runner.stop();
      await pool.end();
    },
  };
}
