import { join } from "node:path";
import type { DatabaseHandle } from "../adapters/db/drizzle.ts";
import { migrateEmbedded, migratePostgres } from "../adapters/db/migrate.ts";
import { createNodePostgresDatabase } from "../adapters/db/node-postgres.ts";
import { createPgliteDatabase } from "../adapters/db/pglite.ts";
import { migrateJobQueue } from "../adapters/jobs/graphile-runner.ts";
import type { Config } from "../config.ts";
import { describeError } from "../platform/logger.ts";
import type { Logger } from "../ports/index.ts";

/** Backoff between migration attempts while Postgres is away: doubling from `firstMs` to `maxMs`. */
export interface RetryPolicy {
  firstMs: number;
  maxMs: number;
}

/** One second, doubling up to 15 s: a recovered Postgres is in use within 15 s. */
export const MIGRATION_RETRY: RetryPolicy = { firstMs: 1000, maxMs: 15_000 };

/** The delay before attempt `attempt + 1`, after `attempt` failures (1-based). */
export function retryDelay(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxMs, policy.firstMs * 2 ** Math.max(0, attempt - 1));
}

/**
 * Applies migrations until it succeeds, without holding up the start: the first failure is
 * logged as a warning, the retries at debug level, and the recovery once.
 */
function migrateInBackground(
  migrate: () => Promise<void>,
  log: Logger,
  policy: RetryPolicy,
  onMigrated: () => void,
): { stop(): Promise<void> } {
  const since = Date.now();
  let attempt = 0;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tryOnce = async (): Promise<void> => {
    attempt++;
    try {
      await migrate();
    } catch (error) {
      if (stopped) return;
      const retryInMs = retryDelay(policy, attempt);
      const fields = { attempt, retry_in_ms: retryInMs, error: describeError(error) };
      if (attempt === 1) log.warn("db.unavailable_at_start", fields);
      else log.debug("db.migrate_retry_failed", fields);
      timer = setTimeout(() => {
        current = tryOnce();
      }, retryInMs);
      timer.unref();
      return;
    }
    onMigrated();
    if (attempt === 1) log.info("db.migrated", {});
    else log.info("db.recovered", { attempts: attempt, down_ms: Date.now() - since });
  };
  let current = tryOnce();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}

/**
 * Opens the configured database. With DATABASE_URL: node-postgres at once, migrations in the
 * background (Postgres may be down at start; until it is migrated every query answers
 * "database unavailable"). Without: embedded PGlite in `dataDir`, migrated before serving.
 */
export async function openNodeDatabase(
  config: Config,
  dataDir: string,
  log: Logger,
  retry: RetryPolicy = MIGRATION_RETRY,
): Promise<DatabaseHandle> {
  const url = config.DATABASE_URL;
  if (!url) {
    const embedded = await createPgliteDatabase(join(dataDir, "pglite"));
    await migrateEmbedded(embedded.client);
    return embedded;
  }
  let migrated = false;
  const database = createNodePostgresDatabase(url, log, () => migrated);
  // The schema, then graphile-worker's (the edge enqueues music jobs), as `npm run db:migrate`.
  const migrate = async () => {
    await migratePostgres(url);
    await migrateJobQueue(url, log);
  };
  const migrations = migrateInBackground(migrate, log, retry, () => {
    migrated = true;
  });
  return {
    ...database,
    async close() {
      await migrations.stop();
      await database.close();
    },
  };
}
