import { createRedisClient } from "../test/support/redis-client.ts";
import { snowflake } from "../test/support/snowflake.ts";
import { type CpuUsage, cpuShares, readCpuUsage } from "./cpu-usage.ts";
import type { BenchEnvironment } from "./environment.ts";
import {
  type LatencySummary,
  type LoadResult,
  type LoadSettings,
  measureThroughput,
  sequentialLatencies,
  summarise,
} from "./load.ts";
import { countRoundTrips, type TripCount } from "./round-trips.ts";
import { helpRequest, pingRequest, sanityCheck } from "./signed-interactions.ts";

/** What part 3 measured. */
export interface RateLimitPath {
  steady: TripCount;
  coldGuild: TripCount;
  pingLatency: LatencySummary;
  helpLatency: LatencySummary;
  latencySamples: number;
  ping: LoadResult;
  help: LoadResult;
  /** Interactions the limiter refused during the whole part (should be 0). */
  refusals: number;
  /** /help interactions the app counted (metrics), against what was sent. */
  helpCounted: number;
  /** Share of one CPU each process used during the measured /help run. */
  helpCpu: CpuUsage;
  /** Warnings and errors the app logged during this part, by event. */
  appWarnings: Record<string, number>;
}

const GUILDS_FOR_LOAD = 500;
// Distinct users per connection; each is reused only when a connection wraps around its list.
const BODIES_PER_CONNECTION = 1000;

async function readCounter(env: BenchEnvironment, name: string): Promise<Record<string, string>> {
  const redis = createRedisClient(env.redisUrl, { maxRetriesPerRequest: 1 });
  try {
    return await redis.hgetall(`${env.redisKeyPrefix}metrics:${name}`);
  } finally {
    redis.disconnect();
  }
}

/**
 * Part 3: what the rate-limited path costs. `/help` passes the full gate (guild-controls cache
 * read, per-user and per-guild limit checks); PING passes none of it.
 */
export async function measureRateLimitPath(
  env: BenchEnvironment,
  settings: LoadSettings,
  latencySamples = Number(process.env.BENCH_LATENCY_SAMPLES ?? 300),
): Promise<RateLimitPath> {
  const group = (n: number) => Array.from({ length: n }, () => snowflake());
  const steadyGuilds = group(20);
  // First interaction per guild fills its controls cache; after that the gate is steady.
  for (const guildId of steadyGuilds) await sanityCheck(env, await helpRequest(env, guildId));
  await env.app.ask({ type: "idle" });
  const steady = await countRoundTrips(env, steadyGuilds, 200);
  const coldGuild = await countRoundTrips(env, group(50), 50);

  // Latency: one request at a time, PING and /help alternating, after a short warm-up.
  const pings = await Promise.all(
    Array.from({ length: latencySamples + 50 }, () => pingRequest(env)),
  );
  const helps = await Promise.all(
    Array.from({ length: latencySamples + 50 }, (_, i) =>
      helpRequest(env, steadyGuilds[i % steadyGuilds.length] ?? ""),
    ),
  );
  const pingTimes: number[] = [];
  const helpTimes: number[] = [];
  for (let i = 0; i < pings.length; i++) {
    const [p] = await sequentialLatencies(env.app.url, pings.slice(i, i + 1));
    const [h] = await sequentialLatencies(env.app.url, helps.slice(i, i + 1));
    if (i >= 50) {
      pingTimes.push(p ?? 0);
      helpTimes.push(h ?? 0);
    }
  }

  // Throughput: each connection gets its own users, spread over many guilds, all of them
  // seen once beforehand so the run measures the steady state (controls cached).
  const loadGuilds = group(GUILDS_FOR_LOAD);
  for (let i = 0; i < loadGuilds.length; i += 25) {
    await Promise.all(
      loadGuilds
        .slice(i, i + 25)
        .map(async (guildId) => sanityCheck(env, await helpRequest(env, guildId))),
    );
  }
  const lists = await Promise.all(
    Array.from({ length: settings.connections }, (_, c) =>
      Promise.all(
        Array.from({ length: BODIES_PER_CONNECTION }, (_, i) =>
          helpRequest(env, loadGuilds[(c * 37 + i) % GUILDS_FOR_LOAD] ?? ""),
        ),
      ),
    ),
  );
  const pingBody = await pingRequest(env);
  const pingLoad = await measureThroughput(env.app.url, settings, () => [pingBody]);
  let cpuBefore: CpuUsage | undefined;
  const helpLoad = await measureThroughput(
    env.app.url,
    settings,
    (connection) => lists[connection % lists.length] ?? [],
    async () => {
      cpuBefore = await readCpuUsage(env);
    },
  );
  const cpuAfter = await readCpuUsage(env);
  await env.app.ask({ type: "idle" });
  const status = await env.app.ask<{ warnings: Record<string, number> }>({ type: "status" });

  const refused = await readCounter(env, "rate_limit_hits_total");
  const commands = await readCounter(env, "commands_total");
  return {
    steady,
    coldGuild,
    pingLatency: summarise(pingTimes),
    helpLatency: summarise(helpTimes),
    latencySamples,
    ping: pingLoad,
    help: helpLoad,
    refusals: Object.values(refused).reduce((sum, value) => sum + Number(value), 0),
    helpCounted: Number(commands.help ?? 0),
    helpCpu: cpuShares(cpuBefore ?? cpuAfter, cpuAfter, helpLoad.seconds),
    appWarnings: status.warnings,
  };
}
