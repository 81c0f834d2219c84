import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MANAGEMENT_GUILD, OPERATOR, operatorCommand } from "../integration/operator-helpers.ts";
import type { TestBot } from "../support/bot.ts";
import type { FakeAiProvider } from "../support/fake-ai-provider.ts";
import { ai, answerText, asker, startAiBot } from "./helpers.ts";

let bot: TestBot;
let provider: FakeAiProvider;
beforeAll(async () => {
  ({ bot, provider } = await startAiBot({
    ownerIds: [OPERATOR],
    managementGuildId: MANAGEMENT_GUILD,
  }));
});
afterAll(async () => {
  await bot?.close();
  await provider?.close();
});

describe("the runbook's /ratelimit override bucket:ai", () => {
  it("changes how many AI answers a server gets on the bot's key, at once", async () => {
    const guildId = asker().guildId as string;
    const set = await operatorCommand(bot, "ratelimit", "override", {
      bucket: "ai",
      guild_id: guildId,
      limit: 2,
      window_seconds: 60,
    });
    expect(set.body.type).toBe(4);
    // Three different users (the per-user limit is 5): the server's limit of 2 decides.
    const answers = [];
    for (let i = 0; i < 3; i++) {
      answers.push(await ai(bot, "ask", { prompt: `q${i}` }, asker({ guildId })));
    }
    expect(answers.map((a) => a.body.type)).toEqual([5, 5, 4]);
    expect(answerText(answers[2] as (typeof answers)[number])).toMatch(/Too many AI requests/);
    await bot.settle();
  });
});
