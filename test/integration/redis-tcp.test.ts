import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { connectTcpRedis } from "../../src/adapters/redis/tcp-client.ts";
import { TcpLimiter } from "../../src/adapters/redis/tcp-limiter.ts";
import { TcpStore } from "../../src/adapters/redis/tcp-store.ts";
import { createLogger } from "../../src/platform/logger.ts";
import { startBot, type TestBot } from "../support/bot.ts";
import { slashCommand } from "../support/interactions.ts";
import { createRedisClient, type RedisClient } from "../support/redis-client.ts";
import { deleteKeysWithPrefix } from "../support/redis-keys.ts";
import { snowflake } from "../support/snowflake.ts";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy.ts";
import { answerText } from "./operator-helpers.ts";

// Self-hosted shape: the edge on Node reaches Redis over TCP (REDIS_URL, ioredis), no Upstash.
const prefix = `test:tcp:${crypto.randomUUID().slice(0, 8)}:`;
const clock = { offsetMs: 0, now: () => Date.now() + clock.offsetMs };
let proxy: TcpProxy;
let first: TestBot;
let second: TestBot;
let redis: RedisClient;

beforeAll(async () => {
  const target = new URL(inject("redisUrl"));
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 6379) });
  const env = { REDIS_URL: `redis://127.0.0.1:${proxy.port}`, REDIS_KEY_PREFIX: prefix };
  // Two processes sharing one Redis, as two replicas of the edge would.
  [first, second] = await Promise.all([
    startBot({ redis: false, env, clock }),
    startBot({ redis: false, env: { REDIS_URL: inject("redisUrl"), REDIS_KEY_PREFIX: prefix } }),
  ]);
  redis = createRedisClient(inject("redisUrl"));
});
afterAll(async () => {
  await Promise.all([first?.close(), second?.close()]);
  await proxy?.stop();
  redis?.disconnect();
  await deleteKeysWithPrefix(inject("redisUrl"), prefix);
});

const help = (bot: TestBot, guildId: string, userId = snowflake()) =>
  bot.interact(slashCommand("help", { guildId, user: { id: userId } }));
const refused = (text: string) => /Too many requests — try again in \d+ s/.test(text);
const health = async (bot: TestBot) =>
  (await (await fetch(`${bot.url}/health`)).json()) as Record<string, string>;

describe("rate limits over TCP", () => {
  it("are shared by every process: a user's 21st request is refused whichever answers it", async () => {
    const guildId = snowflake();
    const userId = snowflake();
    for (let i = 0; i < 10; i++) {
      expect(refused(answerText(await help(first, guildId, userId)))).toBe(false);
      expect(refused(answerText(await help(second, guildId, userId)))).toBe(false);
    }
    expect(refused(answerText(await help(first, guildId, userId)))).toBe(true);
    expect(refused(answerText(await help(second, guildId, userId)))).toBe(true);
    // The window lives in Redis as a sorted set of request times, not in either process.
    const key = `${prefix}rl:w60:default:u:${userId}`;
    expect(await redis.type(key)).toBe("zset");
    expect(await redis.zcard(key)).toBe(20);
    expect(first.bridge).toBeNull();
  });
});

describe("the limiter adapter", () => {
  it("slides, refuses without counting the refusal, and forgets on reset", async () => {
    const log = createLogger({ level: "error", write: () => undefined });
    const client = await connectTcpRedis({ url: inject("redisUrl"), log });
    try {
      const store = new TcpStore(client);
      const limiter = new TcpLimiter(client, store, prefix);
      const rule = { limit: 2, windowSeconds: 30 };
      const id = `economy:guild:${snowflake()}`;
      const decisions = [];
      for (let i = 0; i < 4; i++) decisions.push(await limiter.limit(id, rule));
      expect(decisions.map((d) => [d.allowed, d.remaining])).toEqual([
        [true, 1],
        [true, 0],
        [false, 0],
        [false, 0],
      ]);
      const now = Date.now();
      expect(decisions[2]?.resetAt).toBeGreaterThan(now);
      expect(decisions[2]?.resetAt).toBeLessThanOrEqual(now + 31_000);
      expect(await redis.zcard(`${prefix}rl:w30:${id}`)).toBe(2);
      // Another window length for the same identifier counts separately.
      expect((await limiter.limit(id, { limit: 2, windowSeconds: 60 })).allowed).toBe(true);

      await limiter.reset("economy:guild:");
      expect(await redis.exists(`${prefix}rl:w30:${id}`, `${prefix}rl:w60:${id}`)).toBe(0);
      expect((await limiter.limit(id, rule)).allowed).toBe(true);
    } finally {
      client.disconnect();
    }
  });
});

describe("metrics over TCP", () => {
  it("aggregates both processes' counters in Redis", async () => {
    const scrape = async () => {
      await Promise.all([first.settle(), second.settle()]);
      const response = await fetch(`${second.url}/metrics`, {
        headers: { authorization: `Bearer ${second.adminSecret}` },
      });
      const families = parsePrometheusTextFormat(await response.text());
      const help = families
        .find((f) => f.name === "chopsticks_commands_total")
        ?.metrics.find((m) => m.labels?.command === "help");
      return Number(help?.value ?? 0);
    };
    const before = await scrape();
    await help(first, snowflake());
    await help(second, snowflake());
    expect(await scrape()).toBe(before + 2);
  });
});

describe("when Redis over TCP goes down", () => {
  it("keeps answering from memory, says so on /health, logs once, and recovers", async () => {
    expect(await health(first)).toMatchObject({ status: "ok", redis: "ok" });
    const guildId = snowflake();
    const userId = snowflake();
    await proxy.stop();
    try {
      const answers = [];
      for (let i = 0; i < 21; i++) answers.push(answerText(await help(first, guildId, userId)));
      expect(answers.slice(0, 20).every((a) => a.includes("Chopsticks commands"))).toBe(true);
      expect(answers[20]).toMatch(/Too many requests/);
      expect(await health(first)).toMatchObject({ status: "degraded", db: "ok", redis: "error" });
      expect(first.logs.filter((l) => l.includes('"redis.unavailable"'))).toHaveLength(1);
    } finally {
      await proxy.start();
    }
    // ioredis reconnects in the background with a capped backoff.
    await expect.poll(() => health(first), { timeout: 15_000 }).toMatchObject({ redis: "ok" });
    clock.offsetMs += 31_000;
    expect(answerText(await help(first, snowflake()))).toMatch(/Chopsticks commands/);
    expect(first.logs.filter((l) => l.includes('"redis.recovered"'))).toHaveLength(1);
    expect(await health(first)).toMatchObject({ status: "ok", redis: "ok" });
  });
});
