/** Options of {@link JobQueue.add}. */
export interface EnqueueOptions {
  /** Jobs sharing a queue name run one at a time, in order (e.g. `music:<guild_id>`). */
  queueName?: string;
  /** Attempts before the job is given up; default 3. */
  maxAttempts?: number;
  /** Earliest time to run; default now. */
  runAt?: Date;
}

/**
 * The durable job queue (graphile-worker in Postgres; in-process dispatch on the embedded
 * database). Handlers are registered by task name on the consuming side.
 */
export interface JobQueue {
  add(task: string, payload: unknown, options?: EnqueueOptions): Promise<void>;
  /** Jobs of these tasks waiting or running, for the queue-depth gauge. */
  depth(tasks: readonly string[]): Promise<number>;
}

/** What a handler is told about the job it runs. */
export interface JobInfo {
  id: string;
  /** 1 on the first run. */
  attempt: number;
  maxAttempts: number;
  /** When it became runnable; pickup latency is measured from here. */
  runAt: Date;
}

/**
 * Runs one job. Throwing marks it failed (retried with backoff up to its attempts); the error
 * message is stored by the queue, so it must never carry a secret.
 */
export type TaskHandler = (payload: unknown, job: JobInfo) => Promise<void>;

/** Task handlers by task name: the list a job runner serves. Features add their own entries. */
export type TaskRegistry = ReadonlyMap<string, TaskHandler>;
