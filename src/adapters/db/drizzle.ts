import { sql } from "drizzle-orm";
import type { Database, DatabaseProbe, PoolStats } from "../../ports/index.ts";

/** A database connection as an entry holds it: drizzle, its probe, and how to release it. */
export interface DatabaseHandle {
  db: Database;
  probe: DatabaseProbe;
  /** False until the schema is migrated; meanwhile queries fail with "database unavailable". */
  ready(): boolean;
  close(): Promise<void>;
}

/** Builds the probe every driver shares; only pool figures differ. */
export function probeFor(
  db: Database,
  driver: DatabaseProbe["driver"],
  poolStats: () => PoolStats | null,
): DatabaseProbe {
  return {
    driver,
    async ping() {
      const started = performance.now();
      await db.execute(sql`select 1`);
      return performance.now() - started;
    },
    async serverVersion() {
      const result = await db.execute<{ server_version: string }>(sql`show server_version`);
      const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
        server_version: string;
      }[];
      return rows[0]?.server_version ?? "unknown";
    },
    poolStats,
  };
}

/** Connection settings shared by the pooled drivers: fail fast when Postgres is away. */
export const POOL_TIMEOUTS = {
  connectionTimeoutMillis: 1500,
  query_timeout: 10_000,
  idleTimeoutMillis: 30_000,
} as const;
