import { neonConfig, Pool } from "@neondatabase/serverless";
import { drizzle } from "drizzle-orm/neon-serverless";
import * as schema from "../../db/schema.ts";
import type { Database } from "../../ports/index.ts";
import { type DatabaseHandle, POOL_TIMEOUTS, probeFor } from "./drizzle.ts";
import { guardPool } from "./guard-pool.ts";

/** Options for {@link createNeonDatabase}. */
export interface NeonOptions {
  url: string;
  /**
   * `host:port/path` of a WebSocket→TCP proxy in front of plain Postgres (local development
   * and tests). Unset in production, where Neon terminates the WebSocket itself.
   */
  wsProxy?: string;
  /** Node has no global WebSocket before v22; pass `ws` there. */
  webSocketConstructor?: unknown;
  /** Told when an idle connection fails; without a listener that error would be fatal. */
  onIdleError?: (error: Error) => void;
}

/**
 * Neon's serverless driver (Postgres over WebSocket): the Workers database adapter. On
 * Workers a pool must not outlive its request, so create one per request and close it after.
 */
export function createNeonDatabase(options: NeonOptions): DatabaseHandle {
  if (options.webSocketConstructor) {
    neonConfig.webSocketConstructor = options.webSocketConstructor as typeof WebSocket;
  }
  if (options.wsProxy) {
    const proxy = options.wsProxy;
    neonConfig.wsProxy = (host, port) => `${proxy}?address=${host}:${port}`;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineTLS = false;
    neonConfig.pipelineConnect = false;
  }
  const pool = guardPool(new Pool({ connectionString: options.url, ...POOL_TIMEOUTS, max: 5 }));
  pool.on("error", (error: Error) => options.onIdleError?.(error));
  const db = drizzle({ client: pool, schema }) as unknown as Database;
  return {
    db,
    probe: probeFor(db, "neon-serverless", () => ({
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
    })),
    ready: () => true,
    close: () => pool.end(),
  };
}
