/**
 * Checks the economy's double-entry ledger in `DATABASE_URL` (the same check as `/economy
 * audit`, for every guild at once or one):
 *
 *   npm run ledger:audit [-- --env <env>] [--guild <id>]
 *
 * Exit status: 0 sound, 1 problems found (one line each), 2 usage or configuration error, or
 * the database could not be read (so 1 always means the ledger itself is wrong).
 */
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { auditLedger, type LedgerAudit } from "../src/data/economy/audit.ts";
import * as schema from "../src/db/schema.ts";
import type { Database } from "../src/ports/index.ts";
import { parseArgs, snowflakeFlag } from "./lib/args.ts";
import { EXIT_SETUP, runScript } from "./lib/cli.ts";
import { checkConfig, loadEnvironment, requireSetting } from "./lib/env.ts";
import { databasePassword, describeDatabase } from "./lib/migration-status.ts";
import type { Output } from "./lib/output.ts";

const USAGE = `usage: npm run ledger:audit [-- --env <env>] [--guild <id>]
  --env <env>    read .env.<env> (variables already in the environment win)
  --guild <id>   audit one guild (default: every guild)
needs DATABASE_URL (postgres://…). Read-only: one REPEATABLE READ snapshot, 120 s per query.
exit status: 0 sound, 1 problems found (one line each), 2 usage, configuration or database unreachable`;

/** A whole-ledger audit of a large database is slower than any bot query: its own budget. */
const QUERY_TIMEOUT_MS = 120_000;

/** Runs the audit in one read-only snapshot, so the counts and checks agree with each other. */
async function audit(url: string, guildId: string | undefined): Promise<LedgerAudit> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 1,
    connectionTimeoutMillis: 5000,
    query_timeout: QUERY_TIMEOUT_MS,
    statement_timeout: QUERY_TIMEOUT_MS,
  });
  // An idle client losing its connection emits 'error'; the query itself reports the failure.
  pool.on("error", () => {});
  try {
    const db = drizzle({ client: pool, schema }) as unknown as Database;
    return await db.transaction((tx) => auditLedger(tx, guildId), {
      isolationLevel: "repeatable read",
      accessMode: "read only",
    });
  } finally {
    await pool.end();
  }
}

async function main(argv: readonly string[], out: Output): Promise<number> {
  const flags = parseArgs(argv, { env: true, guild: true });
  const guildId = snowflakeFlag(flags, "guild");
  const environment = loadEnvironment(flags.env);
  const rawUrl = environment.vars.DATABASE_URL;
  out.protect(rawUrl);
  out.protect(databasePassword(rawUrl));
  const url = requireSetting(checkConfig(environment), "DATABASE_URL", environment);

  out.line(`database: ${describeDatabase(url)} (from ${environment.source})`);
  let result: LedgerAudit;
  try {
    result = await audit(url, guildId);
  } catch (error) {
    out.error(`cannot read the ledger: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_SETUP;
  }
  const scope = guildId ? `guild ${guildId}` : "all guilds";
  out.line(
    `ledger (${scope}): ${result.accounts} accounts, ${result.transfers} transfers, ${result.entries} entries`,
  );
  if (result.problems.length === 0) {
    out.line(
      "sound: every guild sums to 0, every balance equals its entries, no wallet or escrow below 0, every transfer has its two entries",
    );
    return 0;
  }
  out.line(`${result.problems.length} problem(s):`);
  for (const problem of result.problems) out.line(problem);
  return 1;
}

process.exitCode = await runScript(process.argv.slice(2), main, {
  usage: USAGE,
  failureStatus: EXIT_SETUP,
});
