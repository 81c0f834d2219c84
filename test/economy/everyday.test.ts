import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLedger } from "../../src/data/economy/audit.ts";
import { setModlogChannel } from "../../src/data/moderation/index.ts";
import { economyMembers, economyTransfers, moderationCases } from "../../src/db/schema.ts";
import { buttonIds, testClock, textOf } from "../moderation/helpers.ts";
import { startBot, type TestBot } from "../support/bot.ts";
import { snowflake } from "../support/snowflake.ts";
import {
  balance,
  economyCommand,
  fund,
  isEphemeral,
  pressAs,
  run,
  seedEconomy,
  userOption,
} from "./helpers.ts";

const clock = testClock();
let bot: TestBot;
beforeAll(async () => {
  bot = await startBot({ clock });
});
afterAll(() => bot?.close());

const HOUR = 3_600_000;

describe("/daily", () => {
  it("pays once a day, grows a streak by 10 % a day up to +70 %, and breaks it after 48 h", async () => {
    const scene = seedEconomy(bot);
    const [member] = scene.members as [string];
    const first = await run(bot, scene, member, "daily");
    expect(textOf(first)).toContain("collected 🪙 **250** coins");
    expect(textOf(first)).toContain("Streak: **1** day");
    const again = await run(bot, scene, member, "daily");
    expect(isEphemeral(again)).toBe(true);
    expect(textOf(again)).toMatch(/next daily reward is ready <t:\d+:R>/);
    expect(await balance(bot, scene, member)).toBe(250n);

    clock.offsetMs += 25 * HOUR;
    expect(textOf(await run(bot, scene, member, "daily"))).toContain(
      "collected 🪙 **275** coins (+10 % streak bonus)",
    );
    // A week later (the streak kept up day by day), the bonus stops growing at +70 %.
    await bot.node.database.db
      .update(economyMembers)
      .set({ dailyStreak: 7 })
      .where(and(eq(economyMembers.guildId, scene.guildId), eq(economyMembers.userId, member)));
    clock.offsetMs += 47 * HOUR;
    expect(textOf(await run(bot, scene, member, "daily"))).toContain(
      "collected 🪙 **425** coins (+70 % streak bonus, the most there is)",
    );
    clock.offsetMs += 24 * HOUR;
    expect(textOf(await run(bot, scene, member, "daily"))).toContain("Streak: **9** days");

    clock.offsetMs += 49 * HOUR;
    const broken = await run(bot, scene, member, "daily");
    expect(textOf(broken)).toContain("collected 🪙 **250** coins");
    expect(textOf(broken)).toContain("Streak: **1** day");
  });
});

describe("/pay", () => {
  it("moves coins between wallets and says so in the server's currency", async () => {
    const scene = seedEconomy(bot);
    const [alice, bob] = scene.members as [string, string];
    await fund(bot, scene, [alice], 500n);
    const paid = await run(bot, scene, alice, "pay", {
      user: userOption(bob),
      amount: 120,
      note: "lunch",
    });
    expect(isEphemeral(paid)).toBe(false);
    expect(textOf(paid)).toContain(`<@${alice}> paid <@${bob}> 🪙 **120** coins for “lunch”`);
    expect(textOf(paid)).toContain("Your balance: 🪙 **380** coins");
    expect(await balance(bot, scene, bob)).toBe(120n);
    const shown = await run(bot, scene, alice, "balance", { user: userOption(bob) });
    expect(textOf(shown)).toContain(`<@${bob}> has 🪙 **120** coins`);
  });

  it.each([
    ["zero", 0, "at least 1"],
    ["a negative amount", -5, "at least 1"],
    ["a fraction", 2.5, "whole number"],
    ["more than 10^12", 1_000_000_000_001, "at most 1,000,000,000,000"],
  ])("refuses %s and changes nothing", async (_, amount, problem) => {
    const scene = seedEconomy(bot);
    const [alice, bob] = scene.members as [string, string];
    await fund(bot, scene, [alice], 100n);
    const answer = await run(bot, scene, alice, "pay", { user: userOption(bob), amount });
    expect(isEphemeral(answer)).toBe(true);
    expect(textOf(answer)).toContain(problem);
    expect(await balance(bot, scene, alice)).toBe(100n);
    expect(await balance(bot, scene, bob)).toBe(0n);
  });

  it("refuses more than the balance, yourself and bots, with a reason each time", async () => {
    const scene = seedEconomy(bot);
    const [alice, bob] = scene.members as [string, string];
    await fund(bot, scene, [alice], 100n);
    const tooMuch = await run(bot, scene, alice, "pay", { user: userOption(bob), amount: 101 });
    expect(textOf(tooMuch)).toContain("You have 🪙 **100** coins; this needs 🪙 **101** coins");
    const self = await run(bot, scene, alice, "pay", { user: userOption(alice), amount: 5 });
    expect(textOf(self)).toContain("You cannot pay yourself");
    const robot = snowflake();
    const toBot = await run(bot, scene, alice, "pay", {
      user: userOption(robot, { bot: true }),
      amount: 5,
    });
    expect(textOf(toBot)).toContain("Bots do not have wallets");
    for (const answer of [tooMuch, self, toBot]) expect(isEphemeral(answer)).toBe(true);
    expect(await balance(bot, scene, alice)).toBe(100n);
    expect((await auditLedger(bot.node.database.db, scene.guildId)).transfers).toBe(1);
  });

  it("applies the same interaction once when Discord delivers it twice", async () => {
    const scene = seedEconomy(bot);
    const [alice, bob] = scene.members as [string, string];
    await fund(bot, scene, [alice], 100n);
    const payload = economyCommand(scene, alice, "pay", { user: userOption(bob), amount: 30 });
    const [first, second] = await Promise.all([bot.interact(payload), bot.interact(payload)]);
    const third = await bot.interact(payload);
    const texts = [first, second, third].map((a) => textOf(a));
    expect(texts.filter((t) => t.includes("Payment sent"))).toHaveLength(1);
    expect(texts.filter((t) => t.includes("already carried out"))).toHaveLength(2);
    expect(await balance(bot, scene, bob)).toBe(30n);
    const rows = await bot.node.database.db
      .select()
      .from(economyTransfers)
      .where(
        and(eq(economyTransfers.guildId, scene.guildId), eq(economyTransfers.key, payload.id)),
      );
    expect(rows).toHaveLength(1);
  });
});

describe("/work", () => {
  it("pays within the server's range once an hour", async () => {
    const scene = seedEconomy(bot);
    const [member] = scene.members as [string];
    const worked = await run(bot, scene, member, "work");
    const earned = await balance(bot, scene, member);
    expect(earned).toBeGreaterThanOrEqual(50n);
    expect(earned).toBeLessThanOrEqual(200n);
    expect(textOf(worked)).toContain(`earned 🪙 **${earned}** coins`);
    const tired = await run(bot, scene, member, "work");
    expect(textOf(tired)).toMatch(/work again <t:\d+:R>/);
    clock.offsetMs += HOUR;
    await run(bot, scene, member, "work");
    expect(await balance(bot, scene, member)).toBeGreaterThan(earned);
  });
});

describe("/leaderboard and /transactions", () => {
  it("pages the richest members ten at a time", async () => {
    const scene = seedEconomy(bot, 12);
    for (const [i, member] of scene.members.entries())
      await fund(bot, scene, [member], BigInt(100 * (i + 1)));
    const first = await run(bot, scene, scene.members[0] as string, "leaderboard");
    const text = textOf(first);
    expect(text).toContain(`🥇 <@${scene.members[11]}> — 🪙 **1,200** coins`);
    expect(text).toContain("Page 1/2 · 12 members with coins");
    expect(text).not.toContain(`<@${scene.members[1]}>`);
    const next = buttonIds((first.body as unknown as { data: never }).data)[1] as string;
    const second = await pressAs(bot, scene, scene.members[0] as string, next);
    expect(textOf(second)).toContain(`**11.** <@${scene.members[1]}> — 🪙 **200** coins`);
    expect(textOf(second)).toContain("Page 2/2");
  });

  it("shows your history, and another member's only to Manage Server", async () => {
    const scene = seedEconomy(bot);
    const [alice, bob] = scene.members as [string, string];
    await fund(bot, scene, [alice], 100n);
    await run(bot, scene, alice, "pay", { user: userOption(bob), amount: 40, note: "tea" });
    const own = await run(bot, scene, alice, "transactions");
    expect(isEphemeral(own)).toBe(true);
    expect(textOf(own)).toContain(`−🪙 40 · Payment to <@${bob}> — tea`);
    expect(textOf(own)).toContain("+🪙 100 · Granted by staff from the server");
    const refused = await run(bot, scene, bob, "transactions", { user: userOption(alice) });
    expect(textOf(refused)).toContain("Manage Server");
    const allowed = await run(bot, scene, scene.adminId, "transactions", {
      user: userOption(alice),
    });
    expect(textOf(allowed)).toContain("Payment to");
  });
});

describe("/economy", () => {
  it("grants and takes coins as a logged case posted to the modlog, and audits the ledger", async () => {
    const scene = seedEconomy(bot);
    const [member] = scene.members as [string];
    await setModlogChannel(bot.node.database.db, scene.guildId, scene.channelId, new Date());
    const granted = await run(
      bot,
      scene,
      scene.adminId,
      "economy",
      { user: userOption(member), amount: 1000, reason: "event prize" },
      { sub: "grant" },
    );
    expect(textOf(granted)).toContain("gave 🪙 **1,000** coins to");
    const taken = await run(
      bot,
      scene,
      scene.adminId,
      "economy",
      { user: userOption(member), amount: 300, reason: "refund" },
      { sub: "take" },
    );
    expect(textOf(taken)).toContain("Their balance: 🪙 **700** coins");
    const overdrawn = await run(
      bot,
      scene,
      scene.adminId,
      "economy",
      { user: userOption(member), amount: 701, reason: "too much" },
      { sub: "take" },
    );
    expect(textOf(overdrawn)).toContain(`<@${member}> has only 🪙 **700** coins`);
    await bot.settle();
    const posted = bot.discord.state.channelMessages(scene.channelId).map((m) => textOf(m));
    expect(posted).toHaveLength(2);
    expect(posted[0]).toContain("Coins granted");
    expect(posted[0]).toContain("Granted 🪙 **1,000** coins");
    expect(posted[1]).toContain("Took 🪙 **300** coins");
    const cases = await bot.node.database.db
      .select()
      .from(moderationCases)
      .where(eq(moderationCases.guildId, scene.guildId));
    expect(cases.map((c) => [c.action, c.targets, c.reason])).toEqual([
      ["economy_grant", [member], "event prize"],
      ["economy_take", [member], "refund"],
    ]);
    const audit = await run(bot, scene, scene.adminId, "economy", {}, { sub: "audit" });
    expect(textOf(audit)).toContain("Ledger is sound");
  });

  it("refuses members without Manage Server", async () => {
    const scene = seedEconomy(bot);
    const [member] = scene.members as [string];
    const answer = await run(
      bot,
      scene,
      member,
      "economy",
      { user: userOption(member), amount: 1000, reason: "me" },
      { sub: "grant" },
    );
    expect(textOf(answer)).toContain("You need **Manage Server**");
    expect(await balance(bot, scene, member)).toBe(0n);
  });

  it("changes the currency and limits, refusing settings that contradict each other", async () => {
    const scene = seedEconomy(bot);
    const [member] = scene.members as [string];
    const saved = await run(
      bot,
      scene,
      scene.adminId,
      "economy",
      { currency_name: "beans", currency_emoji: "🫘", daily_amount: 100 },
      { sub: "config" },
    );
    expect(textOf(saved)).toContain("**Currency:** 🫘 beans");
    expect(textOf(await run(bot, scene, member, "daily"))).toContain("collected 🫘 **100** beans");
    const contradictory = await run(
      bot,
      scene,
      scene.adminId,
      "economy",
      { min_bet: 500, max_bet: 100 },
      { sub: "config" },
    );
    expect(textOf(contradictory)).toContain("minimum bet may not be above the maximum");
    const shown = await run(bot, scene, scene.adminId, "economy", {}, { sub: "config" });
    expect(textOf(shown)).toContain("**Bets:** 🫘 **10** beans to 🫘 **100,000** beans");
  });
});
