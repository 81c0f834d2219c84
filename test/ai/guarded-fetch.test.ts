import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNodeGuardedFetch } from "../../src/adapters/ai/node-guarded-fetch.ts";
import { openAiCompatibleModel } from "../../src/adapters/ai/openai-compatible.ts";
import { AiProviderError } from "../../src/ports/index.ts";
import { type FakeAiProvider, startFakeAiProvider } from "../support/fake-ai-provider.ts";

let provider: FakeAiProvider;
beforeAll(async () => {
  provider = await startFakeAiProvider();
});
afterAll(() => provider?.close());

const viaLocalhost = () => `http://localhost:${new URL(provider.origin).port}/v1`;

async function streamThrough(baseUrl: string, allowlist: string[]) {
  const model = openAiCompatibleModel({
    baseUrl,
    apiKey: provider.key,
    model: "fake-model",
    fetch: createNodeGuardedFetch(allowlist),
  });
  let text = "";
  for await (const delta of model.stream([{ role: "user", content: "hi" }], {
    signal: AbortSignal.timeout(5000),
    maxTokens: 10,
  })) {
    text += delta;
  }
  return text;
}

describe("the address guard for guild-supplied providers (Node)", () => {
  it("refuses a name that resolves to loopback, at connect time, before any request", async () => {
    const before = provider.requests.length;
    const error = await streamThrough(viaLocalhost(), []).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AiProviderError);
    expect((error as AiProviderError).kind).toBe("blocked_address");
    expect(provider.requests.length).toBe(before);
  });

  it("refuses an IP literal outside the public internet", async () => {
    const error = await streamThrough(`${provider.origin}/v1`, []).catch((e: unknown) => e);
    expect((error as AiProviderError).kind).toBe("blocked_address");
  });

  it("lets an allowlisted origin through", async () => {
    provider.script({ answer: "through the allowlist" });
    expect(await streamThrough(`${provider.origin}/v1`, [provider.origin])).toBe(
      "through the allowlist",
    );
  });

  it("never follows a redirect", async () => {
    provider.script({ redirectTo: "/v1/chat/completions" });
    const before = provider.requests.length;
    const error = await streamThrough(`${provider.origin}/v1`, [provider.origin]).catch(
      (e: unknown) => e,
    );
    expect((error as AiProviderError).kind).toBe("redirect");
    expect(provider.requests.length).toBe(before + 1);
  });
});
