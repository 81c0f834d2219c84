import { spawnSync } from "node:child_process";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { TestBot } from "../support/bot.ts";
import type { FakeAiProvider } from "../support/fake-ai-provider.ts";
import { createRedisClient } from "../support/redis-client.ts";
import {
  ai,
  answerText,
  asker,
  bodyText,
  flagsOf,
  MANAGER,
  originalOf,
  startAiBot,
  submitKey,
} from "./helpers.ts";

let bot: TestBot;
let provider: FakeAiProvider;
let db: pg.Pool;
let guildKey: string;
beforeAll(async () => {
  ({ bot, provider } = await startAiBot());
  guildKey = provider.keys[1] as string;
  db = new pg.Pool({ connectionString: inject("databaseUrl"), max: 2 });
  db.on("error", () => undefined);
});
afterAll(async () => {
  await bot?.close();
  await provider?.close();
  await db?.end();
});

/** Sets the guild's own key through the form, as a manager, and waits for the outcome. */
async function setKey(who: ReturnType<typeof asker>, fields: Partial<Record<string, string>> = {}) {
  const answer = await submitKey(
    bot,
    { base_url: provider.baseUrl, api_key: guildKey, model: "guild-model", ...fields },
    { ...who, memberPermissions: MANAGER },
  );
  await bot.settle();
  return { answer, shown: bodyText(originalOf(bot, answer.token)) };
}

const storedFor = async (guildId: string | null | undefined) =>
  (
    await db.query(
      "select s.provider_base_url, s.provider_model, s.provider_key_last4, g.ciphertext from ai_guild_settings s left join guild_secrets g on g.guild_id = s.guild_id and g.field = 'ai.api_key' where s.guild_id = $1",
      [guildId],
    )
  ).rows[0];

describe("bring your own key", () => {
  it("/ai key set opens a form; the key never travels as an option", async () => {
    const answer = await ai(bot, "key set", {}, asker({ memberPermissions: MANAGER }));
    expect(answer.body.type).toBe(9);
    const data = (answer.body as { data: { custom_id: string; components: unknown[] } }).data;
    expect(data.custom_id).toBe("ai:key");
    expect(JSON.stringify(data.components)).toMatch(/api_key.*model|model.*api_key/s);
  });

  it("verifies the key with one cheap request, stores it encrypted, and uses it for that guild only", async () => {
    const owner = asker();
    const before = provider.requests.length;
    const { answer, shown } = await setKey(owner);
    expect(answer.body.type).toBe(5);
    expect(flagsOf(answer)).toBe(64);
    expect(shown).toMatch(/Server key saved/);
    expect(shown).toContain(`…${guildKey.slice(-4)}`);
    expect(shown).not.toContain(guildKey);

    const verification = provider.requests.slice(before);
    expect(verification).toHaveLength(1);
    expect(verification[0]).toMatchObject({
      apiKey: guildKey,
      model: "guild-model",
      stream: false,
      maxTokens: 1,
    });

    const stored = await storedFor(owner.guildId);
    expect(stored).toMatchObject({
      provider_base_url: provider.baseUrl,
      provider_model: "guild-model",
      provider_key_last4: guildKey.slice(-4),
    });
    expect(stored.ciphertext).toMatch(/^g1:/);
    expect(stored.ciphertext).not.toContain(guildKey);

    // This guild's answers use its key and model…
    const start = provider.requests.length;
    await ai(bot, "chat", { message: "who pays?" }, owner);
    await bot.settle();
    // …another guild's use the bot's.
    await ai(bot, "chat", { message: "and here?" }, asker());
    await bot.settle();
    const [own, other] = provider.requests.slice(start);
    expect(own).toMatchObject({ apiKey: guildKey, model: "guild-model", stream: true });
    expect(other).toMatchObject({ apiKey: provider.key, model: "fake-model" });
  });

  it("the plaintext key is nowhere in Postgres, Redis or the logs", async () => {
    const owner = asker();
    await setKey(owner);
    await ai(bot, "chat", { message: "hello" }, owner);
    await bot.settle();
    const dump = spawnSync("pg_dump", ["--data-only", inject("databaseUrl")], {
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    });
    expect(dump.status).toBe(0);
    expect(dump.stdout).toContain(guildKey.slice(-4));
    expect(dump.stdout).not.toContain(guildKey);
    expect(dump.stdout).not.toContain(Buffer.from(guildKey).toString("base64"));
    const redis = createRedisClient(inject("redisUrl"));
    try {
      const prefix = bot.node.isolate.config.REDIS_KEY_PREFIX;
      for (const key of await redis.keys(`${prefix}*`)) {
        const type = await redis.type(key);
        const value =
          type === "string"
            ? await redis.get(key)
            : type === "hash"
              ? JSON.stringify(await redis.hgetall(key))
              : JSON.stringify(await redis.zrange(key, "0", "-1"));
        expect(value ?? "").not.toContain(guildKey);
      }
    } finally {
      redis.disconnect();
    }
    expect(bot.logs.join("\n")).not.toContain(guildKey);
    expect(bot.logs.join("\n")).toMatch(/"event":"ai.guild_key_set"/);
  });

  it("a key that fails verification is never stored", async () => {
    const owner = asker();
    const { shown } = await setKey(owner, { api_key: "sk-wrong-key-0000" });
    expect(shown).toMatch(/did not verify: The provider rejected the API key \(HTTP 401\)/);
    expect(shown).toMatch(/Nothing was saved/);
    expect(shown).not.toMatch(/Incorrect API key|sk-wrong/);
    expect(await storedFor(owner.guildId)).toBeUndefined();
  });

  it("an unknown model is refused at verification", async () => {
    const owner = asker();
    const { shown } = await setKey(owner, { model: "no-such-model" });
    expect(shown).toMatch(/no such model or endpoint \(HTTP 404\)/);
    expect(await storedFor(owner.guildId)).toBeUndefined();
  });

  it("a provider that redirects is refused, and the redirect is not followed", async () => {
    const owner = asker();
    provider.script({ redirectTo: "/v1/elsewhere" });
    const before = provider.requests.length;
    const { shown } = await setKey(owner);
    expect(shown).toMatch(/redirects are not followed/);
    expect(provider.requests.length).toBe(before + 1);
    expect(await storedFor(owner.guildId)).toBeUndefined();
  });

  it("without the operator's allowlist, the same local provider is refused before any call", async () => {
    const { bot: strict, provider: local } = await startAiBot({ allowlistFake: false });
    try {
      const before = local.requests.length;
      const answer = await submitKey(
        strict,
        { base_url: local.baseUrl, api_key: local.keys[1] as string, model: "guild-model" },
        asker({ memberPermissions: MANAGER }),
      );
      expect(answer.body.type).toBe(4);
      expect(answerText(answer)).toMatch(/must start with `https:\/\/`/);
      const https = await submitKey(
        strict,
        {
          base_url: `https://127.0.0.1:${new URL(local.origin).port}/v1`,
          api_key: "sk-abcdefgh",
          model: "m",
        },
        asker({ memberPermissions: MANAGER }),
      );
      expect(answerText(https)).toMatch(/loopback address/);
      expect(local.requests.length).toBe(before);
    } finally {
      await strict.close();
      await local.close();
    }
  });

  it("/ai key status shows provider, model, last four, who and when; remove deletes it", async () => {
    const owner = asker();
    await setKey(owner);
    const manager = { ...owner, memberPermissions: MANAGER };
    const status = answerText(await ai(bot, "key status", {}, manager));
    expect(status).toContain(provider.baseUrl);
    expect(status).toContain("guild-model");
    expect(status).toContain(`…${guildKey.slice(-4)}`);
    expect(status).toContain(`<@${owner.user?.id}>`);
    expect(status).toMatch(/<t:\d+:f>/);
    expect(status).not.toContain(guildKey);

    const removed = answerText(await ai(bot, "key remove", {}, manager));
    expect(removed).toMatch(/Server key removed/);
    const rows = await db.query("select 1 from guild_secrets where guild_id = $1", [owner.guildId]);
    expect(rows.rowCount).toBe(0);
    expect(answerText(await ai(bot, "key status", {}, manager))).toMatch(/bot's own AI/);
    const again = answerText(await ai(bot, "key remove", {}, manager));
    expect(again).toMatch(/had no key of its own/);

    const start = provider.requests.length;
    await ai(bot, "chat", { message: "back to the bot's key" }, owner);
    await bot.settle();
    expect(provider.requests[start]).toMatchObject({ apiKey: provider.key });
  });

  it("a guild with its own key is not held to the bot's ai bucket", async () => {
    const owner = asker();
    await setKey(owner);
    for (let i = 0; i < 7; i++) {
      const reply = await ai(bot, "ask", { prompt: `q${i}` }, owner);
      expect(reply.body.type).toBe(5);
    }
    await bot.settle();
  });

  it("persona set, show and clear shape the system prompt", async () => {
    const who = asker({ memberPermissions: MANAGER });
    const set = await ai(bot, "persona set", { text: "Answer like a pirate." }, who);
    expect(answerText(set)).toMatch(/Persona set/);
    expect(answerText(await ai(bot, "persona show", {}, who))).toContain("Answer like a pirate.");
    const start = provider.requests.length;
    await ai(bot, "ask", { prompt: "hello" }, who);
    await bot.settle();
    expect(provider.requests[start]?.messages[0]?.content).toContain("Answer like a pirate.");
    await ai(bot, "persona clear", {}, who);
    await ai(bot, "ask", { prompt: "hello" }, who);
    await bot.settle();
    expect(provider.requests[start + 1]?.messages[0]?.content).not.toContain("pirate");
  });
});
