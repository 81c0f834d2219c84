import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guildBlocks, operatorAudit } from "../../src/db/schema.ts";
import { startBot, type TestBot } from "../support/bot.ts";
import { slashCommand } from "../support/interactions.ts";
import { snowflake } from "../support/snowflake.ts";
import { answerText, MANAGEMENT_GUILD, OPERATOR, operatorCommand } from "./operator-helpers.ts";

/** Real time plus an offset the tests move forward. */
const clock = { offsetMs: 0, now: () => Date.now() + clock.offsetMs };
let bot: TestBot;
beforeAll(async () => {
  bot = await startBot({ ownerIds: [OPERATOR], managementGuildId: MANAGEMENT_GUILD, clock });
});
afterAll(() => bot?.close());

const ping = (guildId: string) => bot.interact(slashCommand("ping", { guildId }));

describe("/admin guild block", () => {
  it("refuses every interaction from the guild with the reason and expiry, until unblocked", async () => {
    const guildId = snowflake();
    expect(
      answerText(
        await operatorCommand(bot, "admin", "guild block", {
          guild_id: guildId,
          duration: "1h",
          reason: "raid spam",
        }),
      ),
    ).toMatch(/Server blocked/);

    const refused = answerText(await ping(guildId));
    expect(refused).toMatch(/not available in this server: raid spam/);
    expect(refused).toMatch(/The block ends <t:\d+:R>/);
    expect(answerText(await ping(snowflake()))).toMatch(/Pong/);

    const list = answerText(await operatorCommand(bot, "admin", "guild list"));
    expect(list).toContain(guildId);
    expect(list).toContain("raid spam");

    expect(
      answerText(await operatorCommand(bot, "admin", "guild unblock", { guild_id: guildId })),
    ).toMatch(/Server unblocked/);
    expect(answerText(await ping(guildId))).toMatch(/Pong/);
    expect(
      answerText(await operatorCommand(bot, "admin", "guild unblock", { guild_id: guildId })),
    ).toMatch(/was not blocked; nothing changed/);

    const audit = await bot.node.database.db
      .select()
      .from(operatorAudit)
      .where(eq(operatorAudit.target, guildId));
    expect(audit.map((a) => a.action).sort()).toEqual([
      "guild.block",
      "guild.unblock",
      "guild.unblock",
    ]);
    expect(audit.find((a) => a.action === "guild.block")).toMatchObject({
      actorId: OPERATOR,
      reason: "raid spam",
    });
  });

  it("says a permanent block is permanent", async () => {
    const guildId = snowflake();
    await operatorCommand(bot, "admin", "guild block", {
      guild_id: guildId,
      duration: "permanent",
      reason: "ToS",
    });
    expect(answerText(await ping(guildId))).toMatch(/The block is permanent/);
  });

  it("honours expiry when reading, and the cron trigger deletes expired rows", async () => {
    const guildId = snowflake();
    await operatorCommand(bot, "admin", "guild block", {
      guild_id: guildId,
      duration: "30m",
      reason: "cool down",
    });
    expect(answerText(await ping(guildId))).toMatch(/cool down/);
    clock.offsetMs += 31 * 60_000;
    expect(answerText(await ping(guildId))).toMatch(/Pong/);
    const db = bot.node.database.db;
    expect(
      await db.select().from(guildBlocks).where(eq(guildBlocks.guildId, guildId)),
    ).toHaveLength(1);
    const results = await bot.runScheduled(new Date(clock.now()));
    expect(results["expire-guild-controls"]).toBeGreaterThanOrEqual(1);
    expect(await db.select().from(guildBlocks).where(eq(guildBlocks.guildId, guildId))).toEqual([]);
  });

  // Each refusal is checked against the guild id it really sent: no block, no audit row, and
  // (for real ids) the guild still answered.
  it.each([
    ["an unparseable duration", { duration: "a while" }, {}, /not a duration/],
    ["a guild id that is not a snowflake", { guild_id: "guild-one" }, {}, /not a server id/],
    [
      "the management guild",
      { guild_id: MANAGEMENT_GUILD },
      {},
      /management server cannot be blocked/,
    ],
    ["a user who is not an operator", {}, { userId: snowflake() }, /Only Chopsticks operators/],
  ] as const)("refuses %s and changes nothing", async (_name, options, who, message) => {
    const sent: string = "guild_id" in options ? options.guild_id : snowflake();
    const answer = await operatorCommand(
      bot,
      "admin",
      "guild block",
      { guild_id: sent, duration: "1h", reason: "x", ...options },
      who,
    );
    expect(answerText(answer)).toMatch(message);
    const db = bot.node.database.db;
    expect(await db.select().from(guildBlocks).where(eq(guildBlocks.guildId, sent))).toEqual([]);
    expect(await db.select().from(operatorAudit).where(eq(operatorAudit.target, sent))).toEqual([]);
    if (sent !== "guild-one") expect(answerText(await ping(sent))).toMatch(/Pong/);
  });
});
