import { createNodePostgresDatabase } from "../src/adapters/db/node-postgres.ts";
import { migrateJobQueue, startJobRunner } from "../src/adapters/jobs/graphile-runner.ts";
import { createSqlJobQueue } from "../src/adapters/jobs/sql-job-queue.ts";
import { createLogger } from "../src/platform/logger.ts";
import { createTestDatabase } from "../test/support/services.ts";

/** Enqueue → pickup figures, in milliseconds. */
export interface PickupFigures {
  samples: number;
  p50: number;
  p99: number;
  max: number;
}

const quantile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

/**
 * Jobs added the way the edge adds them (plain SQL `add_job`, node-postgres) and picked up by
 * graphile-worker (LISTEN/NOTIFY), one at a time, each in its own guild queue. Measured in
 * this process from the moment `add_job` is sent to the moment the task starts.
 */
export async function measurePickup(baseUrl: string, samples: number): Promise<PickupFigures> {
  const database = await createTestDatabase({ baseUrl });
  const log = createLogger({ level: "error" });
  await migrateJobQueue(database.url);
  const handle = createNodePostgresDatabase(database.url, log);
  const queue = createSqlJobQueue(handle.db);
  const waiting = new Map<number, { sentAt: number; done: (ms: number) => void }>();
  const runner = await startJobRunner({
    connectionString: database.url,
    log,
    registry: new Map([
      [
        "music",
        async (payload: unknown) => {
          const { n } = payload as { n: number };
          const entry = waiting.get(n);
          entry?.done(performance.now() - entry.sentAt);
        },
      ],
    ]),
  });
  const latencies: number[] = [];
  try {
    for (let n = 0; n < samples + 20; n++) {
      const picked = new Promise<number>((done) =>
        waiting.set(n, { sentAt: performance.now(), done }),
      );
      const entry = waiting.get(n);
      if (entry) entry.sentAt = performance.now();
      await queue.add(
        "music",
        { n },
        { queueName: `music:${1_000_000_000_000_000_000n + BigInt(n)}` },
      );
      const ms = await picked;
      waiting.delete(n);
      // The first few warm up connections and prepared statements.
      if (n >= 20) latencies.push(ms);
    }
  } finally {
    await runner.stop();
    await handle.close();
    await database.drop();
  }
  latencies.sort((a, b) => a - b);
  return {
    samples: latencies.length,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    max: latencies[latencies.length - 1] ?? 0,
  };
}
