/**
 * Applies the drizzle migrations in `drizzle/` to `DATABASE_URL`, then installs or upgrades
 * graphile-worker's schema (the durable job queue the edge enqueues music jobs into):
 *
 *   npm run db:migrate [-- --env <env>]
 *
 * Exit status: 0 done, 1 the migration failed, 2 usage or configuration error.
 */
import { MIGRATIONS_FOLDER, migratePostgres } from "../src/adapters/db/migrate.ts";
import { migrateJobQueue } from "../src/adapters/jobs/graphile-runner.ts";
import { parseArgs } from "./lib/args.ts";
import { runScript } from "./lib/cli.ts";
import { checkConfig, loadEnvironment, requireSetting } from "./lib/env.ts";
import {
  appliedMigrationCount,
  databasePassword,
  describeDatabase,
  migrationTags,
} from "./lib/migration-status.ts";
import type { Output } from "./lib/output.ts";

const USAGE = `usage: npm run db:migrate [-- --env <env>]
  --env <env>   read .env.<env> (variables already in the environment win)
needs DATABASE_URL (postgres://…)`;

async function main(argv: readonly string[], out: Output): Promise<number> {
  const flags = parseArgs(argv, { env: true });
  const environment = loadEnvironment(flags.env);
  const rawUrl = environment.vars.DATABASE_URL;
  out.protect(rawUrl);
  out.protect(databasePassword(rawUrl));
  const url = requireSetting(checkConfig(environment), "DATABASE_URL", environment);

  const tags = migrationTags();
  out.line(`database: ${describeDatabase(url)} (from ${environment.source})`);
  out.line(`migrations: ${tags.length} in ${MIGRATIONS_FOLDER}`);
  const before = await appliedMigrationCount(url);
  const started = performance.now();
  await migratePostgres(url);
  await migrateJobQueue(url);
  const after = await appliedMigrationCount(url);
  const ms = Math.round(performance.now() - started);
  if (after === before) {
    out.line(`up to date: all ${after} migrations were already applied`);
  } else {
    const applied = tags.slice(before, after);
    out.line(`applied ${after - before} migration(s) in ${ms} ms: ${applied.join(", ")}`);
  }
  out.line("job queue: graphile_worker schema up to date");
  return 0;
}

process.exitCode = await runScript(process.argv.slice(2), main, {
  usage: USAGE,
  failureStatus: 1,
});
