import { describeError } from "../../platform/logger.ts";
import type { Clock, EnqueueOptions, JobQueue, Logger, TaskRegistry } from "../../ports/index.ts";

const DEFAULT_MAX_ATTEMPTS = 3;
const RETRY_BASE_MS = 1000;

/**
 * The job queue of the embedded database (PGlite), which cannot give graphile-worker the
 * sessions it needs (LISTEN, SKIP LOCKED). Jobs run in this process through the same task
 * handlers; a queue name still means "one at a time, in order". Nothing survives a restart:
 * this is for the playground only.
 */
export class InProcessJobQueue implements JobQueue {
  private registry: TaskRegistry = new Map();
  private readonly tails = new Map<string, Promise<void>>();
  private readonly pending = new Map<string, number>();
  private readonly running = new Set<Promise<void>>();
  private nextId = 1;

  constructor(
    private readonly log: Logger,
    private readonly clock: Clock = { now: () => Date.now() },
  ) {}

  /** Sets the task handlers (the voice-node registers them once it has started). */
  serve(registry: TaskRegistry): void {
    this.registry = registry;
  }

  async add(task: string, payload: unknown, options: EnqueueOptions = {}): Promise<void> {
    const id = String(this.nextId++);
    const queue = options.queueName ?? `job:${id}`;
    const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    const runAt = options.runAt ?? new Date(this.clock.now());
    // A JSON round trip, as the database would do: handlers never share objects with callers.
    const copy: unknown = JSON.parse(JSON.stringify(payload ?? {}));
    this.pending.set(task, (this.pending.get(task) ?? 0) + 1);
    const previous = this.tails.get(queue) ?? Promise.resolve();
    const run = previous.then(() => this.runJob(task, copy, { id, maxAttempts, runAt }));
    const tail = run.finally(() => {
      this.pending.set(task, (this.pending.get(task) ?? 1) - 1);
      if (this.tails.get(queue) === tail) this.tails.delete(queue);
    });
    this.tails.set(queue, tail);
    this.running.add(tail);
    void tail.finally(() => this.running.delete(tail));
  }

  async depth(tasks: readonly string[]): Promise<number> {
    return tasks.reduce((sum, task) => sum + (this.pending.get(task) ?? 0), 0);
  }

  /** Resolves once every queued job has finished. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running);
  }

  private async runJob(
    task: string,
    payload: unknown,
    job: { id: string; maxAttempts: number; runAt: Date },
  ): Promise<void> {
    for (let attempt = 1; attempt <= job.maxAttempts; attempt++) {
      const handler = this.registry.get(task);
      if (!handler) {
        this.log.error("jobs.unknown_task", { task, jobId: job.id });
        return;
      }
      try {
        await handler(payload, { ...job, attempt });
        return;
      } catch (error) {
        this.log.warn("jobs.failed", { task, jobId: job.id, attempt, error: describeError(error) });
        if (attempt < job.maxAttempts) {
          await new Promise((resolve) => setTimeout(resolve, RETRY_BASE_MS * attempt));
        }
      }
    }
  }
}
