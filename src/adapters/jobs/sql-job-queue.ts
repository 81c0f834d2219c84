import { sql } from "drizzle-orm";
import type { Database, EnqueueOptions, JobQueue } from "../../ports/index.ts";

const DEFAULT_MAX_ATTEMPTS = 3;

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/**
 * Enqueues graphile-worker jobs with plain SQL over the driver the edge already has, so the
 * Workers bundle never carries graphile-worker itself. No `job_key`: in its default `replace`
 * mode a key would merge or drop user commands.
 */
export function createSqlJobQueue(db: Database): JobQueue {
  return {
    async add(task: string, payload: unknown, options: EnqueueOptions = {}) {
      await db.execute(
        sql`select graphile_worker.add_job(
          ${task},
          ${JSON.stringify(payload ?? {})}::json,
          queue_name => ${options.queueName ?? null}::text,
          run_at => ${options.runAt?.toISOString() ?? null}::timestamptz,
          max_attempts => ${options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS}::int
        )`,
      );
    },
    async depth(tasks: readonly string[]) {
      if (tasks.length === 0) return 0;
      const result = await db.execute(
        sql`select count(*)::int as n from graphile_worker.jobs
            where task_identifier in (${sql.join(
              tasks.map((task) => sql`${task}`),
              sql`, `,
            )}) and attempts < max_attempts`,
      );
      return rowsOf<{ n: number }>(result)[0]?.n ?? 0;
    },
  };
}
