import type { APIAuditLogEntry, APIUser } from "discord-api-types/v10";
import { formatDuration, parseDuration } from "../../src/domain/duration.ts";
import { snowflakeTime } from "../../src/domain/snowflake.ts";
import { DiscordRequestError } from "../../src/ports/discord-errors.ts";
import { parseArgs, requireFlag, snowflakeFlag, UsageError } from "./args.ts";
import { auditLine } from "./audit-format.ts";
import { createBotApi } from "./bot-api.ts";
import { runScript } from "./cli.ts";
import { checkConfig, loadEnvironment, requireSetting } from "./env.ts";
import type { Output } from "./output.ts";

const USAGE = `usage: node scripts/audit-bot-actions.mjs --env <env> --guild <id> [--since 24h]
  --env <env>     read .env.<env> (variables already in the environment win)
  --guild <id>    the guild whose audit log to read (the bot needs View Audit Log there)
  --since <time>  how far back, e.g. 90m, 24h, 7d (default 24h; Discord keeps 45 days)
Lists what the token's bot user did in that guild, oldest first: time, action, target, reason.
exit status: 0 listed (even none), 1 Discord refused, 2 usage, configuration or network error`;

/** Pages of 100 read at most: enough for a busy day, bounded for a busy month. */
const MAX_PAGES = 50;
const PAGE = 100;

function sinceMs(flag: string | undefined, now: number): number {
  const parsed = parseDuration(flag ?? "24h");
  if (parsed === null || parsed === "permanent") {
    throw new UsageError(`--since must be a duration like 90m, 24h or 7d, got "${flag}"`);
  }
  return now - parsed.seconds * 1000;
}

async function main(argv: readonly string[], out: Output): Promise<number> {
  const flags = parseArgs(argv, { env: true, guild: true, since: true });
  const envName = requireFlag(flags, "env");
  const guildId = snowflakeFlag(flags, "guild");
  if (!guildId) throw new UsageError("--guild is required");
  const cutoff = sinceMs(flags.since, Date.now());
  const environment = loadEnvironment(envName);
  out.protect(environment.vars.DISCORD_TOKEN);
  const config = checkConfig(environment);
  const api = createBotApi({
    apiBase: config.DISCORD_API_BASE,
    token: requireSetting(config, "DISCORD_TOKEN", environment),
  });

  const bot = await api.me();
  const entries: APIAuditLogEntry[] = [];
  const users = new Map<string, APIUser>();
  let before: string | undefined;
  let complete = false;
  for (let page = 0; page < MAX_PAGES && !complete; page++) {
    const log = await api.auditLog(guildId, { userId: bot.id, before, limit: PAGE });
    for (const user of log.users) users.set(user.id, user);
    const recent = log.audit_log_entries.filter((entry) => snowflakeTime(entry.id) >= cutoff);
    entries.push(...recent);
    before = log.audit_log_entries.at(-1)?.id;
    complete = log.audit_log_entries.length < PAGE || recent.length < log.audit_log_entries.length;
  }
  const since = new Date(cutoff).toISOString().replace(/\.\d{3}Z$/, "Z");
  const sorted = entries.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  for (const entry of sorted) out.line(auditLine(entry, users));
  if (!complete) out.warn(`stopped after ${MAX_PAGES * PAGE} entries: narrow --since`);
  const window = formatDuration(Math.round((Date.now() - cutoff) / 1000));
  out.line(
    `${entries.length} action${entries.length === 1 ? "" : "s"} by ${bot.username} (${bot.id}) in guild ${guildId} in the last ${window} (since ${since})`,
  );
  return 0;
}

async function explainRefusals(argv: readonly string[], out: Output): Promise<number> {
  try {
    return await main(argv, out);
  } catch (error) {
    if (error instanceof DiscordRequestError && (error.status === 403 || error.status === 404)) {
      out.error(
        error.status === 403
          ? `Discord refused (${error.detail}): the bot needs View Audit Log in that guild`
          : `Discord refused (${error.detail}): is the bot in that guild?`,
      );
      return 1;
    }
    throw error;
  }
}

/**
 * `audit-bot-actions`: lists the bot user's entries in a guild's audit log since a time — what a
 * leaked token was used for. Resolves to the exit status.
 */
export function auditBotActions(argv: readonly string[]): Promise<number> {
  return runScript(argv, explainRefusals, { usage: USAGE, failureStatus: 1 });
}
