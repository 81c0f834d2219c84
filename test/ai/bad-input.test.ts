import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { TestBot } from "../support/bot.ts";
import type { FakeAiProvider } from "../support/fake-ai-provider.ts";
import { DEFAULT_MEMBER_PERMISSIONS } from "../support/interactions.ts";
import { ai, answerText, asker, flagsOf, MANAGER, startAiBot, submitKey } from "./helpers.ts";

let bot: TestBot;
let provider: FakeAiProvider;
let bare: TestBot;
let db: pg.Pool;
beforeAll(async () => {
  ({ bot, provider } = await startAiBot());
  ({ bot: bare } = await startAiBot({ ai: false, env: { GUILD_KEYS_MASTER_KEYS: "" } }));
  db = new pg.Pool({ connectionString: inject("databaseUrl"), max: 2 });
  db.on("error", () => undefined);
});
afterAll(async () => {
  await Promise.all([bot?.close(), bare?.close()]);
  await provider?.close();
  await db?.end();
});

/** Asserts an immediate ephemeral refusal whose text matches `pattern`. */
function refused(answer: Awaited<ReturnType<typeof ai>>, pattern: RegExp): void {
  expect(answer.status).toBe(200);
  expect(answer.body.type).toBe(4);
  expect(flagsOf(answer)).toBe(64);
  expect(answerText(answer)).toMatch(pattern);
}

const rowsFor = async (guildId: string | null | undefined) =>
  (
    await db.query(
      "select (select count(*) from ai_guild_settings where guild_id = $1)::int as settings, (select count(*) from guild_secrets where guild_id = $1)::int as secrets, (select count(*) from ai_conversations where scope = $1)::int as memory",
      [guildId],
    )
  ).rows[0];

describe("bad input gets a clear answer and changes nothing", () => {
  it.each([
    ["an empty prompt", "ask", { prompt: "   " }, /prompt is empty/],
    ["a prompt over 4000 characters", "ask", { prompt: "x".repeat(4001) }, /4001 characters.*4000/],
    ["an empty chat message", "chat", { message: "" }, /message is empty/],
    ["a chat message over 4000 characters", "chat", { message: "y".repeat(4500) }, /4500/],
  ])("%s", async (_, path, options, pattern) => {
    const who = asker();
    const before = provider.requests.length;
    refused(await ai(bot, path, options, who), pattern);
    await bot.settle();
    expect(provider.requests.length).toBe(before);
    expect(await rowsFor(who.guildId)).toEqual({ settings: 0, secrets: 0, memory: 0 });
  });

  it("a persona over 1000 characters", async () => {
    const who = asker({ memberPermissions: MANAGER });
    refused(await ai(bot, "persona set", { text: "p".repeat(1001) }, who), /1001 characters.*1000/);
    expect(await rowsFor(who.guildId)).toEqual({ settings: 0, secrets: 0, memory: 0 });
  });

  it("persona and key commands without Manage Server", async () => {
    const who = asker({ memberPermissions: DEFAULT_MEMBER_PERMISSIONS });
    refused(await ai(bot, "persona set", { text: "Be nice" }, who), /Manage Server/);
    refused(await ai(bot, "persona clear", {}, who), /Manage Server/);
    refused(await ai(bot, "key set", {}, who), /Manage Server/);
    refused(await ai(bot, "key status", {}, who), /Manage Server/);
    refused(await ai(bot, "key remove", {}, who), /Manage Server/);
    // The form itself re-checks: a forged submission without the permission stores nothing.
    const before = provider.requests.length;
    refused(
      await submitKey(
        bot,
        { base_url: provider.baseUrl, api_key: provider.keys[1] as string, model: "guild-model" },
        who,
      ),
      /Manage Server/,
    );
    expect(provider.requests.length).toBe(before);
    expect(await rowsFor(who.guildId)).toEqual({ settings: 0, secrets: 0, memory: 0 });
  });

  it("server-only subcommands in a DM", async () => {
    const who = asker({ guildId: null, channelType: 1 });
    refused(await ai(bot, "persona set", { text: "hi" }, who), /only works inside a server/);
    refused(await ai(bot, "key set", {}, who), /only works inside a server/);
  });

  it.each([
    ["a malformed base URL", "not a url", /not a valid URL/],
    ["an http URL", "http://api.example.com/v1", /must start with `https:\/\/`/],
    ["a private address", "https://10.1.2.3/v1", /private address/],
    ["loopback", "https://127.0.0.1:8443/v1", /loopback address/],
    ["IPv4-mapped IPv6 loopback", "https://[::ffff:127.0.0.1]/v1", /loopback address/],
    ["cloud metadata", "https://169.254.169.254/latest", /metadata address/],
    ["a single-label host", "https://localhost/v1", /full host name/],
    ["credentials in the URL", "https://user:pw@api.example.com/v1", /user name or password/],
    ["a query", "https://api.example.com/v1?x=1", /query/],
  ])("%s in /ai key set", async (_, baseUrl, pattern) => {
    const who = asker({ memberPermissions: MANAGER });
    const before = provider.requests.length;
    refused(
      await submitKey(bot, { base_url: baseUrl, api_key: "sk-something-long", model: "m" }, who),
      pattern,
    );
    expect(provider.requests.length).toBe(before);
    expect(await rowsFor(who.guildId)).toEqual({ settings: 0, secrets: 0, memory: 0 });
  });

  it.each([
    ["a model with spaces", { model: "gpt 4" }, /model name may only use/],
    ["a key that is too short", { api_key: "sk" }, /too short/],
    ["a key with spaces", { api_key: "sk-has a space-123" }, /spaces/],
  ])("%s in /ai key set", async (_, override, pattern) => {
    const who = asker({ memberPermissions: MANAGER });
    const fields = {
      base_url: provider.baseUrl,
      api_key: provider.keys[1] as string,
      model: "guild-model",
      ...override,
    };
    refused(await submitKey(bot, fields, who), pattern);
    expect(await rowsFor(who.guildId)).toEqual({ settings: 0, secrets: 0, memory: 0 });
  });

  it("a bot without a provider says AI is not set up, and how to set it up", async () => {
    const answer = await ai(bare, "chat", { message: "hello?" }, asker());
    refused(answer, /AI is not set up on this instance/);
    expect(answerText(answer)).toMatch(/AI_BASE_URL/);
    expect(answerText(answer)).toMatch(/`AI` binding/);
  });

  it("a bot without master keys refuses to store server keys", async () => {
    refused(
      await ai(bare, "key set", {}, asker({ memberPermissions: MANAGER })),
      /GUILD_KEYS_MASTER_KEYS/,
    );
  });
});
