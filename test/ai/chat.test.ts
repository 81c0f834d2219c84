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
  editsOf,
  flagsOf,
  followUpBodies,
  followUpsOf,
  originalOf,
  startAiBot,
} from "./helpers.ts";

let bot: TestBot;
let provider: FakeAiProvider;
let db: pg.Pool;
beforeAll(async () => {
  ({ bot, provider } = await startAiBot());
  db = new pg.Pool({ connectionString: inject("databaseUrl"), max: 2 });
  db.on("error", () => undefined);
});
afterAll(async () => {
  await bot?.close();
  await provider?.close();
  await db?.end();
});

const requestsSince = (n: number) => provider.requests.slice(n);

describe("/ai chat", () => {
  it("streams the answer by editing the deferred response, at most once a second", async () => {
    const answer = "Streaming works: ".concat("word ".repeat(60)).trim();
    // 40 chunks of 8 characters every 80 ms: about 3 s of streaming.
    provider.script({ answer, chunkChars: 8, chunkDelayMs: 80 });
    const who = asker();
    const reply = await ai(bot, "chat", { message: "Tell me something" }, who);
    expect(reply.status).toBe(200);
    expect(reply.body.type).toBe(5);
    expect(flagsOf(reply)).toBe(0);
    await bot.settle();

    const edits = editsOf(bot, reply.token);
    expect(edits.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < edits.length - 1; i++) {
      // Streaming edits are paced; the final edit follows the last one straight away.
      expect((edits[i]?.at ?? 0) - (edits[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(990);
    }
    const texts = edits.map((e) => bodyText(e.body));
    // The text grows: an early edit shows part of the answer, the last one all of it.
    expect(texts[0]?.length).toBeLessThan(texts.at(-1)?.length ?? 0);
    expect(texts.slice(0, -1).some((t) => t.includes("writing…"))).toBe(true);
    for (const edit of edits) {
      expect((edit.body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [] });
    }
    const final = originalOf(bot, reply.token);
    expect(final.embeds?.[0]?.description).toBe(answer);
    expect(final.embeds?.[0]?.footer?.text).toBe("fake-model");
  });

  it("remembers the previous turn, and /ai forget clears it", async () => {
    const who = asker();
    const start = provider.requests.length;
    provider.script({ answer: "Your favourite colour is teal." });
    await ai(bot, "chat", { message: "My favourite colour is teal." }, who);
    await bot.settle();
    provider.script({ answer: "Teal!" });
    await ai(bot, "chat", { message: "What is my favourite colour?" }, who);
    await bot.settle();

    const [first, second] = requestsSince(start);
    expect(first?.messages.map((m) => m.role)).toEqual(["system", "user"]);
    expect(second?.messages.slice(1)).toEqual([
      { role: "user", content: "My favourite colour is teal." },
      { role: "assistant", content: "Your favourite colour is teal." },
      { role: "user", content: "What is my favourite colour?" },
    ]);

    // Postgres holds it, with a 24 h expiry.
    const { rows } = await db.query(
      "select messages, extract(epoch from expires_at - updated_at)::int as ttl from ai_conversations where scope = $1 and channel_id = $2 and user_id = $3",
      [who.guildId, who.channelId, who.user?.id],
    );
    expect(rows[0]?.messages).toHaveLength(4);
    expect(rows[0]?.ttl).toBe(24 * 3600);

    const forget = await ai(bot, "forget", {}, who);
    expect(answerText(forget)).toMatch(/Forgotten/);
    await ai(bot, "chat", { message: "Do you remember me?" }, who);
    await bot.settle();
    expect(requestsSince(start)[2]?.messages.map((m) => m.role)).toEqual(["system", "user"]);
    const after = await db.query(
      'select 1 from ai_conversations where user_id = $1 and messages @> \'[{"content":"My favourite colour is teal."}]\'',
      [who.user?.id],
    );
    expect(after.rowCount).toBe(0);
  });

  it("keeps memory per channel and per user", async () => {
    const who = asker();
    const start = provider.requests.length;
    await ai(bot, "chat", { message: "first in channel A" }, who);
    await bot.settle();
    await ai(bot, "chat", { message: "in channel B" }, { ...who, channelId: asker().channelId });
    await ai(bot, "chat", { message: "other user" }, { ...who, user: asker().user });
    await bot.settle();
    const [, other, otherUser] = requestsSince(start);
    expect(other?.messages).toHaveLength(2);
    expect(otherUser?.messages).toHaveLength(2);
  });

  it("caches memory in Redis and reads Postgres when the cache is gone", async () => {
    const who = asker();
    const start = provider.requests.length;
    await ai(bot, "chat", { message: "remember the number 42" }, who);
    await bot.settle();
    const redis = createRedisClient(inject("redisUrl"));
    try {
      const keys = await redis.keys(`*ai:memory:${who.guildId}:${who.channelId}:${who.user?.id}`);
      expect(keys).toHaveLength(1);
      const cached = JSON.parse((await redis.get(keys[0] as string)) ?? "{}");
      expect(cached.messages).toHaveLength(2);
      await redis.del(keys[0] as string);
    } finally {
      redis.disconnect();
    }
    await ai(bot, "chat", { message: "which number?" }, who);
    await bot.settle();
    expect(requestsSince(start)[1]?.messages.map((m) => m.content)).toContain(
      "remember the number 42",
    );
  });

  it("sends at most the last 20 messages, trimmed to the token budget", async () => {
    const who = asker();
    const long = "lorem ipsum dolor sit amet ".repeat(60); // ~400 estimated tokens each
    const history = Array.from({ length: 30 }, (_, i) => ({
      role: i % 2 === 0 ? "user" : "assistant",
      content: `${i}: ${long}`,
    }));
    await db.query(
      "insert into ai_conversations (scope, channel_id, user_id, messages, expires_at) values ($1, $2, $3, $4, now() + interval '1 hour')",
      [who.guildId, who.channelId, who.user?.id, JSON.stringify(history)],
    );
    const start = provider.requests.length;
    await ai(bot, "chat", { message: "and now?" }, who);
    await bot.settle();
    const sent = requestsSince(start)[0]?.messages ?? [];
    const remembered = sent.slice(1, -1);
    expect(remembered.length).toBeLessThanOrEqual(20);
    expect(remembered.length).toBeGreaterThan(0);
    // The newest history is kept, the oldest dropped; it never starts with an answer.
    expect(remembered.at(-1)?.content.startsWith("29:")).toBe(true);
    expect(remembered[0]?.role).toBe("user");
    const chars = remembered.reduce((sum, m) => sum + m.content.length, 0);
    expect(chars / 4).toBeLessThanOrEqual(3000);
    const { rows } = await db.query(
      "select jsonb_array_length(messages) as n from ai_conversations where user_id = $1",
      [who.user?.id],
    );
    expect(rows[0]?.n).toBeLessThanOrEqual(20);
  });

  it("forgets memory 24 h after its last use, and the sweep deletes it", async () => {
    const who = asker();
    await db.query(
      "insert into ai_conversations (scope, channel_id, user_id, messages, expires_at) values ($1, $2, $3, $4, now() - interval '1 minute')",
      [
        who.guildId,
        who.channelId,
        who.user?.id,
        JSON.stringify([
          { role: "user", content: "old" },
          { role: "assistant", content: "stale" },
        ]),
      ],
    );
    const start = provider.requests.length;
    await ai(bot, "chat", { message: "hello again" }, who);
    await bot.settle();
    expect(requestsSince(start)[0]?.messages).toHaveLength(2);

    const other = asker();
    await db.query(
      "insert into ai_conversations (scope, channel_id, user_id, messages, expires_at) values ($1, $2, $3, '[]', now() - interval '1 minute')",
      [other.guildId, other.channelId, other.user?.id],
    );
    const results = await bot.runScheduled(new Date());
    expect(results["expire-ai-conversations"]).toBeGreaterThanOrEqual(1);
    const left = await db.query("select 1 from ai_conversations where user_id = $1", [
      other.user?.id,
    ]);
    expect(left.rowCount).toBe(0);
  });

  it("works in a DM, without a guild", async () => {
    const who = asker({ guildId: null, channelType: 1 });
    const start = provider.requests.length;
    const first = await ai(bot, "chat", { message: "hi in DM" }, who);
    expect(first.body.type).toBe(5);
    await bot.settle();
    await ai(bot, "chat", { message: "still there?" }, who);
    await bot.settle();
    expect(requestsSince(start)[1]?.messages).toHaveLength(4);
    const { rows } = await db.query("select scope from ai_conversations where user_id = $1", [
      who.user?.id,
    ]);
    expect(rows[0]?.scope).toBe("dm");
  });

  it("sends text past one embed to follow-ups, each within Discord's limits", async () => {
    const paragraph = `${"A sentence of a long answer. ".repeat(30).trim()}\n\n`;
    const answer = paragraph.repeat(12).trim(); // ~10 800 characters
    provider.script({ answer, chunkChars: 600, chunkDelayMs: 0 });
    const reply = await ai(bot, "ask", { prompt: "Write a lot" }, asker());
    await bot.settle();
    const pages = [originalOf(bot, reply.token), ...followUpBodies(bot, reply.token)];
    expect(pages.length).toBe(3);
    for (const page of pages) {
      expect(page.embeds?.[0]?.description?.length ?? 0).toBeLessThanOrEqual(4096);
    }
    const sent = bot.discord.calls.filter((c) => c.path.includes(reply.token));
    expect(followUpsOf(bot, reply.token)).toHaveLength(2);
    for (const call of sent) {
      expect((call.body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [] });
    }
    const joined = pages.map((p) => p.embeds?.[0]?.description ?? "").join("\n\n");
    expect(joined.replace(/\s+/g, " ")).toBe(answer.replace(/\s+/g, " "));
    // The model is named once, under the last page.
    expect(pages.at(-1)?.embeds?.[0]?.footer?.text).toBe("fake-model");
    expect(pages[0]?.embeds?.[0]?.footer).toBeUndefined();
  });
});

describe("/ai ask", () => {
  it("answers once without memory, privately when asked", async () => {
    const who = asker();
    const start = provider.requests.length;
    const reply = await ai(bot, "ask", { prompt: "What is 2+2?", private: true }, who);
    expect(reply.body.type).toBe(5);
    expect(flagsOf(reply)).toBe(64);
    await bot.settle();
    await ai(bot, "ask", { prompt: "And again?" }, who);
    await bot.settle();
    expect(requestsSince(start)[1]?.messages).toHaveLength(2);
    const body = originalOf(bot, reply.token);
    expect(body.embeds?.[0]?.author?.name).toBe("“What is 2+2?”");
    const { rowCount } = await db.query("select 1 from ai_conversations where user_id = $1", [
      who.user?.id,
    ]);
    expect(rowCount).toBe(0);
  });

  it("never pings: every body carries allowed_mentions parse []", async () => {
    provider.script({ answer: "@everyone look <@&123456789012345678> and <@123456789012345678>" });
    const reply = await ai(bot, "ask", { prompt: "ping everyone" }, asker());
    await bot.settle();
    const calls = bot.discord.calls.filter(
      (c) => c.path.includes(reply.token) && c.method !== "GET",
    );
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      expect((call.body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [] });
    }
  });

  it("logs sizes and the outcome, never the prompt or the answer", async () => {
    provider.script({ answer: "The secret answer is PAPAYA-93." });
    await ai(bot, "ask", { prompt: "my private question about KIWI-17" }, asker());
    await bot.settle();
    const logs = bot.logs.join("\n");
    expect(logs).toMatch(/"event":"ai.answer"/);
    expect(logs).toMatch(/"prompt_chars":33/);
    expect(logs).not.toContain("KIWI-17");
    expect(logs).not.toContain("PAPAYA-93");
  });
});
