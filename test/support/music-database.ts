import { inject } from "vitest";
import type { DatabaseHandle } from "../../src/adapters/db/drizzle.ts";
import { createNodePostgresDatabase } from "../../src/adapters/db/node-postgres.ts";
import { migrateJobQueue } from "../../src/adapters/jobs/graphile-runner.ts";
import { createLogger } from "../../src/platform/logger.ts";
import { createTestDatabase, type TestDatabase } from "./services.ts";

/** A database of its own, migrated (drizzle and graphile-worker), with a drizzle handle. */
export interface OwnDatabase {
  readonly url: string;
  readonly handle: DatabaseHandle;
  close(): Promise<void>;
}

/**
 * Music tests run the voice-node, which restores every guild it finds and writes the heartbeat
 * the edge's `/health` reads: they get a database of their own so no other test sees them.
 */
export async function createOwnDatabase(): Promise<OwnDatabase> {
  const database: TestDatabase = await createTestDatabase({ baseUrl: inject("databaseUrl") });
  await migrateJobQueue(database.url);
  const handle = createNodePostgresDatabase(database.url, createLogger({ level: "error" }));
  return {
    url: database.url,
    handle,
    async close() {
      await handle.close();
      await database.drop();
    },
  };
}
