import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import * as schema from "../../db/schema.ts";
import type { Database } from "../../ports/index.ts";
import { type DatabaseHandle, probeFor } from "./drizzle.ts";

/** Embedded Postgres (PGlite) for `npm start` without DATABASE_URL; data lives in `dataDir`. */
export async function createPgliteDatabase(
  dataDir: string,
): Promise<DatabaseHandle & { client: PGlite }> {
  const client = await PGlite.create(dataDir);
  const db = drizzle({ client, schema }) as unknown as Database;
  return { db, client, probe: probeFor(db, "pglite", () => null), close: () => client.close() };
}
