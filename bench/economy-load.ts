/**
 * Concurrent /pay and /coinflip over HTTP against the app in its own process, on the
 * machine's Postgres (node-postgres) and Redis (Upstash REST bridge). Every request is a
 * distinct signed interaction (a replayed one would be answered "already done"). The load is
 * spread so the `economy` bucket never refuses: each member sends at most 9 requests and each
 * guild at most 190 within the minute (limits 10 and 200 per 60 s).
 */
import { and, countDistinct, eq, inArray } from "drizzle-orm";
import { createNodePostgresDatabase } from "../src/adapters/db/node-postgres.ts";
import { auditLedger, type LedgerAudit } from "../src/data/economy/audit.ts";
import { post } from "../src/data/economy/ledger.ts";
import { economyTransfers } from "../src/db/schema.ts";
import { MINT, wallet } from "../src/domain/economy/accounts.ts";
import { createLogger } from "../src/platform/logger.ts";
import { slashCommand } from "../test/support/interactions.ts";
import { snowflake } from "../test/support/snowflake.ts";
import { type CpuUsage, cpuShares, readCpuUsage } from "./cpu-usage.ts";
import type { BenchEnvironment } from "./environment.ts";

const PER_USER = 9;
const PER_GUILD = 190;
const USERS_PER_GUILD = 20;

/** What the economy load run measured. */
export interface EconomyLoadResult {
  connections: number;
  seconds: number;
  ok: { pay: number; coinflip: number };
  opsPerSecond: number;
  latency: { p50: number; p99: number; max: number };
  /** Answers that were not the command's result: HTTP errors, error embeds. */
  failures: number;
  failureSamples: string[];
  /** "Slow down": the limiter refused (expected 0). */
  refused: number;
  audit: LedgerAudit;
  /** Distinct transfer keys among the requests that succeeded; expected = ok.pay + ok.coinflip. */
  postings: number;
  /** CPU of each process during the measured run, as shares of one CPU. */
  cpu: CpuUsage;
  /** The app's CPU time per successful operation, in ms: independent of machine load. */
  appCpuPerOpMs: number;
}

interface Planned {
  id: string;
  command: "pay" | "coinflip";
  body: string;
  headers: Record<string, string>;
}

/**
 * Signs `count` distinct /pay and /coinflip interactions, interleaved across guilds (request i
 * goes to guild i mod G), so the requests in flight at any moment are in different guilds, as
 * on a bot in many servers: within one guild every game locks the same `house` account row.
 */
async function plan(env: BenchEnvironment, count: number) {
  const perGuild = Math.min(PER_GUILD, USERS_PER_GUILD * PER_USER);
  const guildCount = Math.ceil(count / perGuild);
  const guilds = Array.from({ length: guildCount }, () => ({
    id: snowflake(),
    users: Array.from({ length: USERS_PER_GUILD }, () => snowflake()),
  }));
  const members = new Map(guilds.map((g) => [g.id, g.users]));
  const commands = (process.env.BENCH_ECONOMY_MIX ?? "pay,coinflip").split(
    ",",
  ) as Planned["command"][];
  const planned: Planned[] = [];
  for (let i = 0; i < count; i++) {
    const guild = guilds[i % guildCount] as (typeof guilds)[number];
    const n = Math.floor(i / guildCount);
    const userId = guild.users[n % USERS_PER_GUILD] as string;
    const to = guild.users[(n + 7) % USERS_PER_GUILD] as string;
    const command = commands[i % commands.length] as Planned["command"];
    const interaction = slashCommand(command, {
      applicationId: env.applicationId,
      guildId: guild.id,
      user: { id: userId },
      options:
        command === "pay"
          ? { user: { type: 6, value: to }, amount: 1 + (n % 5) }
          : { amount: 10 + (n % 40), side: n % 3 === 0 ? "tails" : "heads" },
    });
    const body = JSON.stringify(interaction);
    const headers = { "content-type": "application/json", ...(await env.signer.sign(body)) };
    planned.push({ id: interaction.id, command, body, headers });
  }
  return { planned, members };
}

/** Gives every planned member plenty of coins, one posting per guild (not measured). */
async function fund(databaseUrl: string, members: Map<string, string[]>): Promise<void> {
  const db = createNodePostgresDatabase(databaseUrl, createLogger({ level: "error" }));
  try {
    for (const [guildId, users] of members)
      await db.db.transaction((tx) =>
        post(tx, {
          guildId,
          key: `bench-fund-${guildId}`,
          actorId: null,
          transfers: users.map((userId) => ({
            from: MINT,
            to: wallet(userId),
            amount: 1_000_000n,
            kind: "grant" as const,
          })),
        }),
      );
  } finally {
    await db.close();
  }
}

type Verdict = "ok" | "refused" | "failed";

async function send(url: string, request: Planned): Promise<{ verdict: Verdict; detail: string }> {
  const response = await fetch(`${url}/interactions`, {
    method: "POST",
    headers: request.headers,
    body: request.body,
  });
  const text = await response.text();
  if (response.status !== 200) return { verdict: "failed", detail: `HTTP ${response.status}` };
  const answer = JSON.parse(text) as {
    type?: number;
    data?: { flags?: number; embeds?: { title?: string }[] };
  };
  const title = answer.data?.embeds?.[0]?.title ?? "";
  if (title === "Slow down") return { verdict: "refused", detail: title };
  const ephemeral = ((answer.data?.flags ?? 0) & 64) === 64;
  if (answer.type !== 4 || ephemeral)
    return { verdict: "failed", detail: title || text.slice(0, 80) };
  return { verdict: "ok", detail: "" };
}

/** Sends requests with `connections` in flight until the list or the time runs out. */
async function fire(url: string, requests: Planned[], connections: number, seconds: number) {
  const latencies: number[] = [];
  const ok: Planned[] = [];
  let refused = 0;
  const failures: string[] = [];
  let next = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const lane = async () => {
    while (next < requests.length && performance.now() < deadline) {
      const request = requests[next++] as Planned;
      const sent = performance.now();
      const { verdict, detail } = await send(url, request);
      latencies.push(performance.now() - sent);
      if (verdict === "ok") ok.push(request);
      else if (verdict === "refused") refused++;
      else failures.push(detail);
    }
  };
  await Promise.all(Array.from({ length: connections }, lane));
  return { latencies, ok, refused, failures, seconds: (performance.now() - started) / 1000 };
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

/**
 * Warms up, then measures `seconds` of concurrent /pay and /coinflip, then checks the ledger:
 * the invariant, and exactly one posting per successful request.
 */
export async function measureEconomyLoad(
  env: BenchEnvironment,
  options: { connections: number; seconds: number; warmupSeconds: number; maxRequests: number },
): Promise<EconomyLoadResult> {
  const warm = await plan(env, Math.min(2000, Math.ceil(options.maxRequests / 5)));
  const measured = await plan(env, options.maxRequests);
  await fund(env.databaseUrl, new Map([...warm.members, ...measured.members]));
  await fire(env.app.url, warm.planned, options.connections, options.warmupSeconds);
  const before = await readCpuUsage(env);
  const run = await fire(env.app.url, measured.planned, options.connections, options.seconds);
  const after = await readCpuUsage(env);

  const db = createNodePostgresDatabase(env.databaseUrl, createLogger({ level: "error" }));
  try {
    const audit = await auditLedger(db.db);
    let postings = 0;
    const ids = run.ok.map((r) => r.id);
    for (let i = 0; i < ids.length; i += 1000) {
      const [row] = await db.db
        .select({ n: countDistinct(economyTransfers.key) })
        .from(economyTransfers)
        .where(
          and(inArray(economyTransfers.key, ids.slice(i, i + 1000)), eq(economyTransfers.leg, 0)),
        );
      postings += row?.n ?? 0;
    }
    const sorted = [...run.latencies].sort((a, b) => a - b);
    const count = (command: Planned["command"]) =>
      run.ok.filter((r) => r.command === command).length;
    return {
      connections: options.connections,
      seconds: run.seconds,
      ok: { pay: count("pay"), coinflip: count("coinflip") },
      opsPerSecond: run.ok.length / run.seconds,
      latency: { p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), max: sorted.at(-1) ?? 0 },
      failures: run.failures.length,
      failureSamples: [...new Set(run.failures)].slice(0, 3),
      refused: run.refused,
      audit,
      postings,
      cpu: cpuShares(before, after, run.seconds),
      appCpuPerOpMs: ((after.app - before.app) * 1000) / Math.max(1, run.ok.length),
    };
  } finally {
    await db.close();
  }
}
