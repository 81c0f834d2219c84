import { spawnSync } from "node:child_process";
import parsePrometheusTextFormat, { type ParsedFamily } from "parse-prometheus-text-format";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBot, type TestBot } from "../support/bot.ts";
import { slashCommand } from "../support/interactions.ts";
import { snowflake } from "../support/snowflake.ts";
import { answerText } from "./operator-helpers.ts";

const clock = { offsetMs: 0, now: () => Date.now() + clock.offsetMs };
let bot: TestBot;
beforeAll(async () => {
  bot = await startBot({ clock });
});
afterAll(() => bot?.close());

const scrape = (authorization?: string) =>
  fetch(`${bot.url}/metrics`, { headers: authorization ? { authorization } : {} });

async function exposition(): Promise<string> {
  await bot.settle();
  const response = await scrape(`Bearer ${bot.adminSecret}`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}
const families = async (): Promise<ParsedFamily[]> => parsePrometheusTextFormat(await exposition());
const promtool = spawnSync("promtool", ["--version"]).status === 0;
const value = (all: ParsedFamily[], name: string, labels: Record<string, string>) =>
  Number(
    all
      .find((f) => f.name === name)
      ?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))?.value,
  );

describe("admin authentication", () => {
  it.each([
    ["missing", undefined],
    ["wrong", "Bearer not-the-secret"],
    ["malformed", "Basic dXNlcjpwYXNz"],
  ])("refuses a %s bearer with 401", async (_, header) => {
    expect((await scrape(header)).status).toBe(401);
    const pool = await fetch(`${bot.url}/admin/db-pool`, {
      headers: header ? { authorization: header } : {},
    });
    expect(pool.status).toBe(401);
  });

  it("reports the database pool to the right bearer", async () => {
    const response = await fetch(`${bot.url}/admin/db-pool`, {
      headers: { authorization: `Bearer ${bot.adminSecret}` },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ driver: "neon-serverless", select1: { status: "ok" } });
    expect(body.pool).toMatchObject({
      total: expect.any(Number),
      idle: expect.any(Number),
      waiting: expect.any(Number),
    });
    expect(String(body.serverVersion)).toMatch(/^\d+/);
  });
});

describe("/metrics", () => {
  it("parses as Prometheus exposition and reflects the commands just run", async () => {
    const before = await families();
    const start = value(before, "chopsticks_commands_total", { command: "help" });
    expect(start).toBeGreaterThanOrEqual(0);
    for (let i = 0; i < 3; i++)
      await bot.interact(slashCommand("help", { user: { id: snowflake() } }));
    const after = await families();
    expect(value(after, "chopsticks_commands_total", { command: "help" })).toBe(start + 3);
    expect(value(after, "chopsticks_command_errors_total", { command: "help" })).toBe(0);
    expect(value(after, "chopsticks_rate_limit_hits_total", { bucket: "ai" })).toBe(0);
    expect(value(after, "chopsticks_dependency_up", { dependency: "db" })).toBe(1);
    expect(value(after, "chopsticks_dependency_up", { dependency: "redis" })).toBe(1);
    expect(after.find((f) => f.name === "chopsticks_command_duration_seconds")?.type).toBe(
      "HISTOGRAM",
    );
    const count = /^chopsticks_command_duration_seconds_count\{command="help"\} (\d+)$/m.exec(
      await exposition(),
    );
    expect(Number(count?.[1])).toBe(start + 3);
  });

  // Prometheus' own parser and linter; CI installs it (Debian package prometheus).
  it.skipIf(!promtool)("passes promtool check metrics", async () => {
    const check = spawnSync("promtool", ["check", "metrics"], {
      input: await exposition(),
      encoding: "utf8",
    });
    expect(`${check.stdout}${check.stderr}`.trim()).toBe("");
    expect(check.status).toBe(0);
  });

  it("counts rate-limit hits by bucket", async () => {
    const guildId = snowflake();
    const userId = snowflake();
    const before = value(await families(), "chopsticks_rate_limit_hits_total", {
      bucket: "default",
    });
    for (let i = 0; i < 21; i++)
      await bot.interact(slashCommand("help", { guildId, user: { id: userId } }));
    expect(value(await families(), "chopsticks_rate_limit_hits_total", { bucket: "default" })).toBe(
      before + 1,
    );
  });
});

describe("Redis round trips", () => {
  it("costs one round trip on the request path for rate limits, cache and counters", async () => {
    const guildId = snowflake();
    const userId = snowflake();
    // Warm up: the first interaction loads the guild's controls into the cache and the
    // rate-limit script into Redis.
    for (let i = 0; i < 2; i++)
      await bot.interact(slashCommand("help", { guildId, user: { id: userId } }));
    await bot.settle();
    const bridge = bot.bridge;
    if (!bridge) throw new Error("this test needs the Upstash bridge");
    const before = bridge.requestCount();
    const answer = await bot.interact(slashCommand("help", { guildId, user: { id: userId } }));
    const onPath = bridge.requestCount() - before;
    expect(answerText(answer)).toMatch(/Chopsticks commands/);
    expect(onPath).toBe(1);
    await bot.settle();
    // After the response: the metrics flush, in one more.
    expect(bridge.requestCount() - before).toBe(2);
  });
});

describe("when Redis goes down", () => {
  it("keeps answering, falls back to memory limits, says so on /health, and recovers", async () => {
    const bridge = bot.bridge;
    if (!bridge) throw new Error("this test needs the Upstash bridge");
    const guildId = snowflake();
    const userId = snowflake();
    await bridge.goDown();
    try {
      const answers = [];
      for (let i = 0; i < 21; i++)
        answers.push(
          answerText(await bot.interact(slashCommand("help", { guildId, user: { id: userId } }))),
        );
      expect(answers.slice(0, 20).every((a) => a.includes("Chopsticks commands"))).toBe(true);
      expect(answers[20]).toMatch(/Too many requests/);
      const health = (await (await fetch(`${bot.url}/health`)).json()) as Record<string, string>;
      expect(health).toMatchObject({ status: "degraded", db: "ok", redis: "error" });
      const scraped = await families();
      expect(value(scraped, "chopsticks_dependency_up", { dependency: "redis" })).toBe(0);
      expect(scraped.find((f) => f.name === "chopsticks_commands_total")).toBeUndefined();
      expect(bot.logs.filter((l) => l.includes('"redis.unavailable"'))).toHaveLength(1);
    } finally {
      await bridge.comeBack();
    }
    clock.offsetMs += 31_000;
    expect(answerText(await bot.interact(slashCommand("help", { guildId: snowflake() })))).toMatch(
      /Chopsticks commands/,
    );
    expect(bot.logs.filter((l) => l.includes('"redis.recovered"'))).toHaveLength(1);
    const health = (await (await fetch(`${bot.url}/health`)).json()) as Record<string, string>;
    expect(health).toMatchObject({ status: "ok", redis: "ok" });
  });
});

describe("/health", () => {
  it("reports each dependency and the version", async () => {
    const response = await fetch(`${bot.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "ok",
      db: "ok",
      redis: "ok",
      gateway: "unknown",
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
  });
});
