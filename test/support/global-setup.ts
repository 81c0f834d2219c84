import type { TestProject } from "vitest/node";
import { migrateJobQueue } from "../../src/adapters/jobs/graphile-runner.ts";
import { createTestDatabase, dropStaleTestDatabases, requireServices } from "./services.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** URL of the migrated database created for this run (`inject("databaseUrl")`). */
    databaseUrl: string;
    /** URL of the shared real Redis (`inject("redisUrl")`); prefix your keys. */
    redisUrl: string;
  }
}

/**
 * vitest globalSetup: fails fast when Postgres or Redis is down, creates and migrates one fresh
 * database for the run, provides `databaseUrl` and `redisUrl`, and drops the database after.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { databaseUrl, redisUrl } = await requireServices();
  await dropStaleTestDatabases({ baseUrl: databaseUrl });
  const database = await createTestDatabase({ baseUrl: databaseUrl });
  // graphile-worker's schema, as `npm run db:migrate` installs it: the edge enqueues music jobs.
  await migrateJobQueue(database.url);
  project.provide("databaseUrl", database.url);
  project.provide("redisUrl", redisUrl);
  return async () => {
    await database.drop();
  };
}
