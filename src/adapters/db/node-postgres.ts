import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "../../db/schema.ts";
import { describeError } from "../../platform/logger.ts";
import type { Database, Logger } from "../../ports/index.ts";
import { type DatabaseHandle, POOL_TIMEOUTS, probeFor } from "./drizzle.ts";
import { guardPool } from "./guard-pool.ts";

/**
 * node-postgres: the Node adapter when DATABASE_URL is set. Connecting is lazy, so this
 * succeeds with Postgres down; `ready` gates every query until the caller has migrated.
 */
export function createNodePostgresDatabase(
  url: string,
  log: Logger,
  ready: () => boolean = () => true,
): DatabaseHandle {
  const pool = guardPool(new pg.Pool({ connectionString: url, max: 10, ...POOL_TIMEOUTS }), ready);
  // An idle client losing its connection emits 'error'; unhandled, it would kill the process.
  pool.on("error", (error) => log.warn("db.idle_client_error", { error: describeError(error) }));
  const db = drizzle({ client: pool, schema }) as unknown as Database;
  return {
    db,
    probe: probeFor(db, "node-postgres", () => ({
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
    })),
    ready,
    close: () => pool.end(),
  };
}
