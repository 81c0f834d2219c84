import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLedger } from "../../src/data/economy/audit.ts";
import { balanceOf } from "../../src/data/economy/ledger.ts";
import { economyHeists, economyTransfers, type Heist } from "../../src/db/schema.ts";
import { escrow, HOUSE } from "../../src/domain/economy/accounts.ts";
import type { HeistOutcome } from "../../src/economy/heists/heist.ts";
import { buttonIds, testClock, textOf } from "../moderation/helpers.ts";
import { startBot, type TestBot } from "../support/bot.ts";
import { balance, fund, isEphemeral, pressAs, run, seedEconomy } from "./helpers.ts";

const clock = testClock();
let bot: TestBot;
beforeAll(async () => {
  bot = await startBot({ clock });
});
afterAll(() => bot?.close());

const db = () => bot.node.database.db;

async function heistRow(id: number): Promise<Heist> {
  const [row] = await db().select().from(economyHeists).where(eq(economyHeists.id, id));
  if (!row) throw new Error(`no heist ${id}`);
  return row;
}

const heistIdOf = (text: string) => Number(/Heist #(\d+)/.exec(text)?.[1]);

/** Settlement transfers of a heist (one posting, several legs). */
const settlements = (guildId: string, id: number) =>
  db()
    .select()
    .from(economyTransfers)
    .where(
      and(eq(economyTransfers.guildId, guildId), like(economyTransfers.key, `heist:${id}:settle`)),
    );

describe("/heist", () => {
  it("escrows each member's stake on joining, then settles once at the due time and edits the message", async () => {
    const scene = seedEconomy(bot);
    const [starter, second, third, broke] = scene.members as [string, string, string, string];
    await fund(bot, scene, [starter, second, third], 500n);
    await fund(bot, scene, [broke], 10n);
    const started = await run(bot, scene, starter, "heist", { amount: 100 }, { sub: "start" });
    const id = heistIdOf(textOf(started));
    expect(textOf(started)).toContain(`<@${starter}> is planning a heist`);
    expect(textOf(started)).toContain("**Crew (1):**");
    const join = buttonIds((started.body as unknown as { data: never }).data)[0] as string;
    expect(join).toBe(`heist:join:${id}`);
    await bot.settle();

    const joined = await pressAs(bot, scene, second, join);
    expect(joined.body.type).toBe(7);
    expect(textOf(joined)).toContain("**Crew (2):**");
    expect(textOf(joined)).toContain("Chance of success with this crew: **40 %**");
    const twice = await pressAs(bot, scene, second, join);
    expect(isEphemeral(twice)).toBe(true);
    expect(textOf(twice)).toContain("already in this crew");
    const poor = await pressAs(bot, scene, broke, join);
    expect(textOf(poor)).toContain("You have 🪙 **10** coins; this needs 🪙 **100** coins");
    await pressAs(bot, scene, third, join);
    expect(await balanceOf(db(), scene.guildId, escrow("heist", id))).toBe(300n);
    expect(await balance(bot, scene, second)).toBe(400n);

    expect((await bot.runScheduled(new Date(clock.now())))["settle-heists"]).toBe(0);
    clock.offsetMs += 61_000;
    const response = await bot.postScheduled();
    expect(response.status).toBe(200);
    const { jobs } = (await response.json()) as { jobs: Record<string, number> };
    expect(jobs["settle-heists"]).toBe(1);
    expect((await bot.runScheduled(new Date(clock.now())))["settle-heists"]).toBe(0);

    const settled = await heistRow(id);
    const { result, shares } = settled.outcome as unknown as HeistOutcome;
    expect(settled.state).toBe("settled");
    expect(result).toMatchObject({ crew: 3, chance: 4500 });
    const each = result.kind === "success" ? 600n : 400n;
    for (const member of [starter, second, third]) {
      expect(await balance(bot, scene, member)).toBe(each);
      expect(shares[member]).toBe(result.kind === "success" ? "200" : "0");
    }
    expect(await balanceOf(db(), scene.guildId, escrow("heist", id))).toBe(0n);
    expect(await balanceOf(db(), scene.guildId, HOUSE)).toBe(
      result.kind === "success" ? -300n : 300n,
    );
    expect(await settlements(scene.guildId, id)).toHaveLength(result.kind === "success" ? 6 : 1);
    expect((await auditLedger(db(), scene.guildId)).problems).toEqual([]);

    const message = bot.discord.state.interactionMessage(
      settled.channelId as string,
      settled.messageId as string,
    );
    expect(textOf(message ?? undefined)).toContain(
      result.kind === "success" ? "got away with it" : "was caught",
    );
    expect(textOf(message ?? undefined)).toContain(`<@${second}>: 🪙 **${shares[second]}** coins`);
    expect(buttonIds(message as never)).toEqual([]);
  });

  it("gives a lone starter their stake back", async () => {
    const scene = seedEconomy(bot);
    const [starter] = scene.members as [string];
    await fund(bot, scene, [starter], 300n);
    const started = await run(bot, scene, starter, "heist", { amount: 120 }, { sub: "start" });
    const id = heistIdOf(textOf(started));
    expect(await balance(bot, scene, starter)).toBe(180n);
    clock.offsetMs += 61_000;
    await bot.runScheduled(new Date(clock.now()));
    expect((await heistRow(id)).state).toBe("settled");
    expect(await balance(bot, scene, starter)).toBe(300n);
  });

  it("settles at once when someone presses Join after the window, and refuses them", async () => {
    const scene = seedEconomy(bot);
    const [starter, late] = scene.members as [string, string];
    await fund(bot, scene, [starter, late], 300n);
    const started = await run(bot, scene, starter, "heist", { amount: 50 }, { sub: "start" });
    const join = buttonIds((started.body as unknown as { data: never }).data)[0] as string;
    clock.offsetMs += 61_000;
    const pressed = await pressAs(bot, scene, late, join);
    expect(textOf(pressed)).toContain("called off");
    expect(await balance(bot, scene, late)).toBe(300n);
    expect(await balance(bot, scene, starter)).toBe(300n);
  });

  it("settles once when the scheduled work, the admin endpoint and a press race for it", async () => {
    const scene = seedEconomy(bot);
    const [starter, ...crew] = scene.members as string[];
    await fund(bot, scene, [starter as string, ...crew], 1000n);
    const started = await run(
      bot,
      scene,
      starter as string,
      "heist",
      { amount: 100 },
      { sub: "start" },
    );
    const id = heistIdOf(textOf(started));
    const join = buttonIds((started.body as unknown as { data: never }).data)[0] as string;
    for (const member of crew.slice(0, 4)) await pressAs(bot, scene, member, join);
    clock.offsetMs += 61_000;
    const [a, b, c] = await Promise.all([
      bot.runScheduled(new Date(clock.now())),
      bot
        .postScheduled()
        .then(async (r) => ((await r.json()) as { jobs: Record<string, number> }).jobs),
      bot.runScheduled(new Date(clock.now())),
      pressAs(bot, scene, crew[5] as string, join),
      pressAs(bot, scene, crew[6] as string, join),
    ]);
    const settledByJobs = [a, b, c].reduce((sum, r) => sum + Number(r?.["settle-heists"] ?? 0), 0);
    expect(settledByJobs).toBeLessThanOrEqual(1);
    const row = await heistRow(id);
    expect(row.state).toBe("settled");
    const { result } = row.outcome as unknown as HeistOutcome;
    expect(result.crew).toBe(5);
    const legs = await settlements(scene.guildId, id);
    expect(legs).toHaveLength(result.kind === "success" ? 10 : 1);
    expect(new Set(legs.map((l) => l.key)).size).toBe(1);
    const expected = result.kind === "success" ? 1100n : 900n;
    for (const member of [starter as string, ...crew.slice(0, 4)])
      expect(await balance(bot, scene, member)).toBe(expected);
    expect(await balance(bot, scene, crew[5] as string)).toBe(1000n);
    expect((await auditLedger(db(), scene.guildId)).problems).toEqual([]);
  });

  it("is settled lazily by the next economy interaction in its guild", async () => {
    const scene = seedEconomy(bot);
    const [starter, other] = scene.members as [string, string];
    await fund(bot, scene, [starter], 300n);
    const started = await run(bot, scene, starter, "heist", { amount: 100 }, { sub: "start" });
    const id = heistIdOf(textOf(started));
    clock.offsetMs += 61_000;
    await run(bot, scene, other, "balance");
    await bot.settle();
    expect((await heistRow(id)).state).toBe("settled");
    expect(await balance(bot, scene, starter)).toBe(300n);
  });

  it("refuses a stake outside the bet limits or over the balance", async () => {
    const scene = seedEconomy(bot);
    const [starter] = scene.members as [string];
    await fund(bot, scene, [starter], 50n);
    const small = await run(bot, scene, starter, "heist", { amount: 5 }, { sub: "start" });
    expect(textOf(small)).toContain("Bets here are from");
    const big = await run(bot, scene, starter, "heist", { amount: 60 }, { sub: "start" });
    expect(textOf(big)).toContain("You have 🪙 **50** coins");
    const rows = await db()
      .select()
      .from(economyHeists)
      .where(eq(economyHeists.guildId, scene.guildId));
    expect(rows).toEqual([]);
  });
});
