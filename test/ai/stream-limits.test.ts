import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openAiCompatibleModel } from "../../src/adapters/ai/openai-compatible.ts";
import { type AnswerSink, type StreamLimits, streamAnswer } from "../../src/ai/stream-answer.ts";
import { createLogger } from "../../src/platform/logger.ts";
import type { MessageBody } from "../../src/ports/index.ts";
import { systemClock } from "../../src/ports/index.ts";
import { type FakeAiProvider, startFakeAiProvider } from "../support/fake-ai-provider.ts";
import { bodyText } from "./helpers.ts";

let provider: FakeAiProvider;
beforeAll(async () => {
  provider = await startFakeAiProvider();
});
afterAll(() => provider?.close());

/** A sink that keeps what would have been shown. */
function recordingSink() {
  const edits: MessageBody[] = [];
  const sink: AnswerSink = {
    edit: async (body) => {
      edits.push(body);
    },
    followUp: async () => "1",
    editFollowUp: async () => {},
  };
  return { sink, edits };
}

const limits = (overrides: Partial<StreamLimits>): StreamLimits => ({
  firstTokenMs: 15_000,
  totalMs: 90_000,
  cutAfterMs: null,
  editIntervalMs: 1000,
  maxTokens: 100,
  ...overrides,
});

function run(overrides: Partial<StreamLimits>) {
  const model = openAiCompatibleModel({
    baseUrl: provider.baseUrl,
    apiKey: provider.key,
    model: "fake-model",
    fetch: (input, init) => fetch(input, init),
  });
  const { sink, edits } = recordingSink();
  const result = streamAnswer(model, [{ role: "user", content: "hi" }], sink, {
    limits: limits(overrides),
    clock: systemClock,
    log: createLogger({ write: () => {} }),
  });
  return { result, edits };
}

describe("answer time limits", () => {
  it("stops when the first token does not come in time", async () => {
    provider.script({ firstDelayMs: 2000, answer: "late" });
    const { result } = run({ firstTokenMs: 300 });
    const outcome = await result;
    expect(outcome.end).toEqual({ kind: "timeout", phase: "first_token" });
    expect(outcome.text).toBe("");
    expect(outcome.durationMs).toBeLessThan(1500);
  });

  it("stops a long answer at the total limit, keeping what arrived, with a note", async () => {
    provider.script({ answer: "word ".repeat(100), chunkChars: 5, chunkDelayMs: 50 });
    const { result } = run({ totalMs: 800 });
    const outcome = await result;
    expect(outcome.end).toEqual({ kind: "timeout", phase: "total" });
    expect(outcome.text.length).toBeGreaterThan(0);
    expect(outcome.text.length).toBeLessThan(500);
    expect(bodyText(outcome.original)).toMatch(/took longer than 0.8 s and was stopped/);
  });

  it("cuts at the short-lived runtime's limit with a note saying why", async () => {
    provider.script({ answer: "word ".repeat(100), chunkChars: 5, chunkDelayMs: 50 });
    const { result } = run({ cutAfterMs: 700 });
    const outcome = await result;
    expect(outcome.end).toEqual({ kind: "cut" });
    expect(outcome.text.length).toBeGreaterThan(0);
    expect(bodyText(outcome.original)).toMatch(/short-lived runtime/);
    expect(outcome.original.embeds?.[0]?.footer?.text).toBe("fake-model");
  });

  it("a complete answer has no note", async () => {
    provider.script({ answer: "All of it." });
    const outcome = await run({}).result;
    expect(outcome.end).toEqual({ kind: "complete" });
    expect(outcome.original.embeds?.[0]?.fields).toBeUndefined();
    expect(outcome.original.embeds?.[0]?.description).toBe("All of it.");
  });
});
