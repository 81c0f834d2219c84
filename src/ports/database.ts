import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "../db/schema.ts";

/** Drizzle over whichever Postgres driver the runtime chose (Neon, node-postgres or PGlite). */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/** Pool figures, where the driver keeps a pool. */
export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

/** What operators and /health may ask of the database connection itself. */
export interface DatabaseProbe {
  readonly driver: "neon-serverless" | "node-postgres" | "pglite";
  /** Runs `SELECT 1` and returns its latency in milliseconds. */
  ping(): Promise<number>;
  serverVersion(): Promise<string>;
  poolStats(): PoolStats | null;
}

/**
 * Postgres could not be reached (or is not ready: migrations not applied yet), as opposed to a
 * query Postgres rejected. The database adapters raise it; users see "Database error".
 */
export class DatabaseUnavailableError extends Error {
  override name = "DatabaseUnavailableError";
}
