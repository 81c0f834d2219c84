import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import * as schema from "../../db/schema.ts";
import type { Database } from "../../ports/index.ts";
import { type DatabaseHandle, probeFor } from "./drizzle.ts";

/** Embedded Postgres (PGlite) for `npm start` without DATABASE_URL; data lives in `dataDir`. */
export async function createPgliteDatabase(
  dataDir: string,
): Promise<DatabaseHandle & { client: PGlite }> {
  // PGlite creates its own directory but not the ones above it (a fresh clone has no .data/).
  mkdirSync(dirname(dataDir), { recursive: true });
  const client = await PGlite.create(dataDir);
  const db = drizzle({ client, schema }) as unknown as Database;
  return {
    db,
    client,
    probe: probeFor(db, "pglite", () => null),
    ready: () => true,
    close: () => client.close(),
  };
}
