import parsePrometheusTextFormat, { type ParsedFamily } from "parse-prometheus-text-format";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestBot } from "../support/bot.ts";
import type { AiScript, FakeAiProvider } from "../support/fake-ai-provider.ts";
import { ai, answerText, asker, bodyText, followUpBodies, startAiBot } from "./helpers.ts";

let bot: TestBot;
let provider: FakeAiProvider;
beforeAll(async () => {
  ({ bot, provider } = await startAiBot());
});
afterAll(async () => {
  await bot?.close();
  await provider?.close();
});

async function metrics(): Promise<ParsedFamily[]> {
  await bot.settle();
  const response = await fetch(`${bot.url}/metrics`, {
    headers: { authorization: `Bearer ${bot.adminSecret}` },
  });
  return parsePrometheusTextFormat(await response.text());
}

const sample = (all: ParsedFamily[], name: string, labels: Record<string, string> = {}) =>
  Number(
    all
      .find((f) => f.name === name)
      ?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))?.value ??
      Number.NaN,
  );

const aiCount = (all: ParsedFamily[], outcome: string) =>
  sample(all, "chopsticks_ai_requests_total", { outcome });

/** Runs one /ai chat against a scripted provider answer and returns what the user saw. */
async function chatWith(script: AiScript) {
  provider.script(script);
  const reply = await ai(bot, "chat", { message: "question" }, asker());
  expect(reply.body.type).toBe(5);
  await bot.settle();
  return {
    original: bot.discord.state.interactionMessages(reply.token).original,
    followUps: followUpBodies(bot, reply.token),
    token: reply.token,
  };
}

describe("provider failures", () => {
  it.each([
    [
      "401: the key is rejected",
      { status: 401 },
      /rejected the API key \(HTTP 401\)/,
      "auth_error",
    ],
    [
      "429 with Retry-After",
      { status: 429, retryAfter: 20 },
      /rate-limiting requests \(HTTP 429\); it asks to wait 20 s/,
      "provider_rate_limited",
    ],
    ["500", { status: 500 }, /The provider failed \(HTTP 500\)/, "provider_error"],
    [
      "a body that is not SSE",
      { notSse: "text/html" },
      /did not answer with an event stream \(SSE\)/,
      "provider_error",
    ],
    ["a redirect", { redirectTo: "/v1/elsewhere" }, /redirects are not followed/, "provider_error"],
  ])(
    "%s: the user is told privately, nothing is remembered",
    async (_, script, pattern, outcome) => {
      const before = aiCount(await metrics(), outcome);
      const { original, followUps } = await chatWith(script);
      // The public "thinking" message is replaced by a private explanation.
      expect(original).toBeNull();
      expect(followUps).toHaveLength(1);
      expect(followUps[0]?.flags).toBe(64);
      const text = bodyText(followUps[0]);
      expect(text).toMatch(pattern);
      expect(text).toMatch(/Nothing was saved/);
      // The provider's own body (which names the key) is never shown.
      expect(text).not.toMatch(/Incorrect API key|key sk-|server had an error/);
      expect(bot.logs.join("\n")).not.toContain(provider.key);
      expect(aiCount(await metrics(), outcome)).toBe(before + 1);
    },
  );

  it.each([
    ["closed", "close" as const],
    ["reset", "reset" as const],
  ])("a stream %s mid-answer keeps what arrived, with a note", async (_, how) => {
    const before = aiCount(await metrics(), "interrupted");
    const { original } = await chatWith({
      answer: "First part of the answer. Second part that never arrives.",
      chunkChars: 5,
      cutAfterChunks: { chunks: 5, how },
    });
    const text = bodyText(original);
    expect(text).toContain("First part of the an");
    expect(text).not.toContain("never arrives");
    expect(text).toMatch(/broke off in the middle of the answer/);
    expect(aiCount(await metrics(), "interrupted")).toBe(before + 1);
  });
});

describe("metrics and the ai bucket", () => {
  it("counts answers by outcome with a latency histogram", async () => {
    const before = await metrics();
    await chatWith({ answer: "fine" });
    const after = await metrics();
    expect(aiCount(after, "ok")).toBe(aiCount(before, "ok") + 1);
    const count = (all: ParsedFamily[]) =>
      Number(
        (
          all.find((f) => f.name === "chopsticks_ai_request_duration_seconds")?.metrics[0] as
            | { count?: string }
            | undefined
        )?.count ?? 0,
      );
    expect(count(after)).toBe(count(before) + 1);
    expect(aiCount(after, "not_configured")).toBeGreaterThanOrEqual(0);
  });

  it("limits the bot's own key with the ai bucket (5 per user per minute)", async () => {
    const who = asker();
    const hits = (all: ParsedFamily[]) =>
      sample(all, "chopsticks_rate_limit_hits_total", { bucket: "ai" });
    const before = hits(await metrics());
    const requests = provider.requests.length;
    for (let i = 0; i < 5; i++) {
      const reply = await ai(bot, "ask", { prompt: `q${i}` }, who);
      expect(reply.body.type).toBe(5);
    }
    const sixth = await ai(bot, "ask", { prompt: "one too many" }, who);
    expect(sixth.body.type).toBe(4);
    expect(answerText(sixth)).toMatch(/Too many AI requests — try again in \d+ s/);
    await bot.settle();
    expect(provider.requests.length).toBe(requests + 5);
    expect(hits(await metrics())).toBe(before + 1);
    // Cheap subcommands are not AI requests: /ai forget still answers.
    const forget = await ai(bot, "forget", {}, who);
    expect(answerText(forget)).toMatch(/Nothing to forget/);
  });
});
