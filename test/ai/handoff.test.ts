import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDiscordApi } from "../../src/adapters/discord/rest.ts";
import { type JobRunner, startJobRunner } from "../../src/adapters/jobs/graphile-runner.ts";
import { writeHeartbeat } from "../../src/data/music/voice-nodes.ts";
import { AI_ANSWER_TASK } from "../../src/domain/ai/index.ts";
import { voiceNodeExtraTasks } from "../../voice-node/src/extra-tasks.ts";
import { startBot, type TestBot } from "../support/bot.ts";
import { type FakeAiProvider, startFakeAiProvider } from "../support/fake-ai-provider.ts";
import { createTestDatabase, type TestDatabase } from "../support/services.ts";
import { ai, asker, bodyText, editsOf, originalOf } from "./helpers.ts";

/**
 * The Workers case, simulated on Node: answers are cut after CUT_MS (Workers: 25 s) unless a
 * long-lived worker (the voice-node's job runner) is alive to finish them.
 */
const CUT_MS = 2000;
/** An answer that takes about 4 s to stream: longer than the cut. */
const LONG = { answer: "part ".repeat(40).trim(), chunkChars: 5, chunkDelayMs: 100 };

let database: TestDatabase;
let provider: FakeAiProvider;
let bot: TestBot;
let runner: JobRunner | undefined;
beforeAll(async () => {
  // A database of its own: the heartbeat below must not tell other tests a voice-node runs.
  database = await createTestDatabase();
  provider = await startFakeAiProvider();
  bot = await startBot({
    databaseUrl: database.url,
    aiCutAfterMs: CUT_MS,
    env: { AI_BASE_URL: provider.baseUrl, AI_API_KEY: provider.key, AI_MODEL: "fake-model" },
  });
});
afterAll(async () => {
  await runner?.stop();
  await bot?.close();
  await provider?.close();
  await database?.drop();
});

/**
 * What the long-lived worker runs: the voice-node's extra tasks (the AI code loaded by the
 * first job) with the worker's own resources.
 */
function workerTasks() {
  const { config, log } = bot.node.isolate;
  return voiceNodeExtraTasks(config)({
    log,
    database: bot.node.database,
    discord: createDiscordApi({
      apiBase: bot.discord.apiBase,
      applicationId: bot.applicationId,
      token: bot.botToken,
    }),
  });
}

describe("answers longer than a short-lived runtime allows", () => {
  it("are cut at the limit with a note when no long-lived worker runs", async () => {
    provider.script(LONG);
    const reply = await ai(bot, "chat", { message: "long one" }, asker());
    await bot.settle();
    const text = bodyText(originalOf(bot, reply.token));
    expect(text).toMatch(/Cut at 2 s: this instance runs on a short-lived runtime/);
    expect(text).not.toContain(LONG.answer);
  });

  it("are finished by the long-lived worker when one runs", { timeout: 30_000 }, async () => {
    runner = await startJobRunner({
      connectionString: database.url,
      registry: workerTasks(),
      log: bot.node.isolate.log,
      concurrency: 2,
    });
    await writeHeartbeat(bot.node.database.db, {
      id: "voice-node-test",
      gateway: "connected",
      lavalink: {},
      gatewaySessions: {},
      players: 0,
      version: "test",
      at: new Date(),
    });
    const who = asker();
    provider.script(LONG);
    const reply = await ai(bot, "chat", { message: "long one" }, who);
    expect(reply.body.type).toBe(5);
    await bot.settle();
    // The edge handed it off: it sent nothing itself.
    expect(editsOf(bot, reply.token)).toHaveLength(0);
    const final = await bot.discord.waitFor(
      (call) =>
        call.method === "PATCH" &&
        call.path.includes(reply.token) &&
        bodyText(call.body).includes("fake-model") &&
        !bodyText(call.body).includes("writing…"),
      { timeoutMs: 20_000 },
    );
    expect((final.body as { embeds: { description: string }[] }).embeds[0]?.description).toBe(
      LONG.answer,
    );
    // It streamed there too, and remembered the turn for the next message.
    expect(editsOf(bot, reply.token).length).toBeGreaterThanOrEqual(3);
    const start = provider.requests.length;
    provider.script({ answer: "short" });
    const next = await ai(bot, "chat", { message: "and then?" }, who);
    await bot.discord.waitFor(
      (call) =>
        call.method === "PATCH" &&
        call.path.includes(next.token) &&
        bodyText(call.body).includes("short"),
      { timeoutMs: 20_000 },
    );
    expect(provider.requests[start]?.messages).toHaveLength(4);
  });

  it("drops a malformed job with a log line, never retrying it", async () => {
    const task = workerTasks().get(AI_ANSWER_TASK);
    if (!task) throw new Error("no ai_answer task");
    await task(
      { token: 42 },
      {
        id: "1",
        attempt: 1,
        maxAttempts: 1,
        runAt: new Date(),
      },
    );
    expect(bot.logs.some((line) => line.includes('"event":"ai.job_malformed"'))).toBe(true);
  });
});
