import { sql } from "drizzle-orm";
import type { Database } from "../../src/ports/index.ts";

type Db = Database;

/** Jobs waiting or running in graphile-worker's queue, in a test's own database. */
export async function queuedJobs(db: Db): Promise<number> {
  const result = await db.execute(sql`select count(*)::int as n from graphile_worker.jobs`);
  return (result as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0;
}

/**
 * The queued job count once earlier cases' jobs have run (bounded: about 30 s): a job of an
 * earlier case finishing mid-case would otherwise change the count a "nothing queued" check reads.
 */
export async function drainedJobs(db: Db): Promise<number> {
  for (let i = 0; i < 1500 && (await queuedJobs(db)) > 0; i++)
    await new Promise((resolve) => setTimeout(resolve, 20));
  return queuedJobs(db);
}
