import { createNodePostgresDatabase } from "../../src/adapters/db/node-postgres.ts";
import { ConfigError } from "../../src/config.ts";
import { MasterKeyring, parseMasterKeys } from "../../src/domain/guild-keys/index.ts";
import {
  type RotationEvent,
  rotateGuildKeys,
  verifyGuildKeys,
} from "../../src/guild-keys/index.ts";
import { createLogger } from "../../src/platform/logger.ts";
import type { Database } from "../../src/ports/index.ts";
import { parseArgs, requireFlag, snowflakeFlag, UsageError } from "./args.ts";
import { runScript } from "./cli.ts";
import { checkConfig, type LoadedEnvironment, loadEnvironment, requireSetting } from "./env.ts";
import type { Output } from "./output.ts";

const ROTATE_USAGE = `usage: node scripts/rotate-guild-keys.mjs (--all | --guild-id <id>) --reason "<why>" [--new-data-keys] [--max-guilds <n>] [--env <env>]
  --all              every guild that has a data key
  --guild-id <id>    one guild
  --reason <text>    recorded in the audit row
  --new-data-keys    also re-encrypt every secret under a fresh data key
  --max-guilds <n>   stop after n guilds (a batch); the same command continues the run
  --env <env>        read .env.<env> (variables already in the environment win)
Re-wraps data keys under the first (current) key of GUILD_KEYS_MASTER_KEYS. Progress is kept
per guild: an interrupted run continues where it stopped when run again with the same options.
exit status: 0 done (or paused by --max-guilds), 1 some guild failed, 2 usage or configuration`;

const VERIFY_USAGE = `usage: node scripts/verify-guild-keys.mjs [--env <env>]
Unwraps every guild data key and decrypts every secret with GUILD_KEYS_MASTER_KEYS, and says
which old master key versions nothing uses any more (safe to drop). Never prints a secret.
exit status: 0 all decrypt, 1 some failed, 2 usage or configuration`;

interface KeyContext {
  db: Database;
  ring: MasterKeyring;
  close(): Promise<void>;
}

/** Opens the database and imports the master keys named by the environment. */
async function open(environment: LoadedEnvironment, out: Output): Promise<KeyContext> {
  out.protect(environment.vars.GUILD_KEYS_MASTER_KEYS);
  out.protect(environment.vars.DATABASE_URL);
  const config = checkConfig(environment);
  const url = requireSetting(config, "DATABASE_URL", environment);
  const raw = requireSetting(config, "GUILD_KEYS_MASTER_KEYS", environment);
  const parsed = parseMasterKeys(raw);
  if (!parsed.ok)
    throw new ConfigError(`Invalid configuration: GUILD_KEYS_MASTER_KEYS ${parsed.problem}`);
  const ring = await MasterKeyring.import(parsed.keys);
  const handle = createNodePostgresDatabase(url, createLogger({ level: "error", write: () => {} }));
  return { db: handle.db, ring, close: () => handle.close() };
}

function describeEvent(event: RotationEvent, newDataKeys: boolean): string {
  switch (event.kind) {
    case "start": {
      const what = newDataKeys ? "new data keys" : "re-wrap only";
      const resumed = event.resumed
        ? `resuming, ${event.alreadyDone} guild${event.alreadyDone === 1 ? "" : "s"} already done`
        : "started";
      return `rotation #${event.runId} (target master key ${event.target}, ${what}): ${resumed}`;
    }
    case "guild":
      return `guild ${event.guildId}: ${event.outcome}${event.detail ? ` (${event.detail})` : ""}`;
    case "paused":
      return `rotation #${event.runId} paused after ${event.done} guilds (--max-guilds); run the same command again to continue`;
    case "done": {
      const o = event.outcomes;
      return `rotation #${event.runId} finished: ${o.rotated ?? 0} rotated, ${o.unchanged ?? 0} already current, ${o.failed ?? 0} failed (audit row written)`;
    }
  }
}

async function rotateMain(argv: readonly string[], out: Output): Promise<number> {
  const flags = parseArgs(argv, {
    all: false,
    "guild-id": true,
    reason: true,
    "new-data-keys": false,
    "max-guilds": true,
    env: true,
  });
  const guildId = snowflakeFlag(flags, "guild-id");
  if (Boolean(flags.all) === Boolean(guildId)) {
    throw new UsageError("give exactly one of --all and --guild-id <id>");
  }
  const reason = requireFlag(flags, "reason");
  const maxGuilds = flags["max-guilds"] === undefined ? undefined : Number(flags["max-guilds"]);
  if (maxGuilds !== undefined && !(Number.isSafeInteger(maxGuilds) && maxGuilds > 0)) {
    throw new UsageError("--max-guilds must be a positive whole number");
  }
  const newDataKeys = flags["new-data-keys"] === "true";
  const context = await open(loadEnvironment(flags.env), out);
  try {
    const summary = await rotateGuildKeys(
      context.db,
      context.ring,
      { scope: guildId ?? "all", reason, newDataKeys, maxGuilds },
      (event) => out.line(describeEvent(event, newDataKeys)),
    );
    if ((summary.outcomes.failed ?? 0) > 0) {
      out.error(
        `${summary.outcomes.failed} guild(s) failed; fix the cause, then rerun with --guild-id <id> for each`,
      );
      return 1;
    }
    return 0;
  } finally {
    await context.close();
  }
}

async function verifyMain(argv: readonly string[], out: Output): Promise<number> {
  const flags = parseArgs(argv, { env: true });
  const context = await open(loadEnvironment(flags.env), out);
  try {
    const report = await verifyGuildKeys(context.db, context.ring);
    for (const failure of report.failures) {
      out.line(
        `FAILED guild ${failure.guildId}${failure.field ? ` field ${failure.field}` : " data key"}: ${failure.reason}`,
      );
    }
    const failedGuilds = new Set(report.failures.map((f) => f.guildId)).size;
    out.line(
      `checked ${report.guilds} guild data keys and ${report.secrets} secrets: ${report.failures.length} failure(s) in ${failedGuilds} guild(s)`,
    );
    const usage = context.ring.versions
      .map((v) => `${v} wraps ${report.versionsInUse[v] ?? 0}`)
      .join(", ");
    out.line(`master keys (current first): ${usage}`);
    for (const [version, count] of Object.entries(report.versionsInUse)) {
      if (!context.ring.get(version)) {
        out.line(`${version} wraps ${count} data keys but is not in GUILD_KEYS_MASTER_KEYS`);
      }
    }
    for (const version of context.ring.versions.slice(1)) {
      if (report.droppable.includes(version)) {
        out.line(`${version} is no longer used: it can be dropped from GUILD_KEYS_MASTER_KEYS`);
      } else if ((report.versionsInUse[version] ?? 0) > 0) {
        out.line(
          `${version} still wraps ${report.versionsInUse[version]} data keys: run rotate-guild-keys --all before dropping it`,
        );
      }
    }
    return report.failures.length > 0 ? 1 : 0;
  } finally {
    await context.close();
  }
}

/** `node scripts/rotate-guild-keys.mjs …` */
export function rotateGuildKeysScript(argv: readonly string[]): Promise<number> {
  return runScript(argv, rotateMain, { usage: ROTATE_USAGE, failureStatus: 1 });
}

/** `node scripts/verify-guild-keys.mjs …` */
export function verifyGuildKeysScript(argv: readonly string[]): Promise<number> {
  return runScript(argv, verifyMain, { usage: VERIFY_USAGE, failureStatus: 1 });
}
