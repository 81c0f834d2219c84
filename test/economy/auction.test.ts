import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLedger } from "../../src/data/economy/audit.ts";
import { balanceOf } from "../../src/data/economy/ledger.ts";
import {
  type Auction,
  economyAuctions,
  economyInventory,
  economyTransfers,
} from "../../src/db/schema.ts";
import { escrow } from "../../src/domain/economy/accounts.ts";
import { testClock, textOf } from "../moderation/helpers.ts";
import { startBot, type TestBot } from "../support/bot.ts";
import { balance, economyCommand, fund, isEphemeral, run, seedEconomy } from "./helpers.ts";

const clock = testClock();
let bot: TestBot;
beforeAll(async () => {
  bot = await startBot({ clock });
});
afterAll(() => bot?.close());

const db = () => bot.node.database.db;

async function auctionRow(id: number): Promise<Auction> {
  const [row] = await db().select().from(economyAuctions).where(eq(economyAuctions.id, id));
  if (!row) throw new Error(`no auction ${id}`);
  return row;
}
const auctionIdOf = (text: string) => Number(/Auction #(\d+)/.exec(text)?.[1]);

describe("/auction", () => {
  it("holds the high bid in escrow, refunds the outbid member in the same transaction, and pays the seller once at the end", async () => {
    const scene = seedEconomy(bot);
    const [seller, alice, bob] = scene.members as [string, string, string];
    await fund(bot, scene, [alice, bob], 1000n);
    const created = await run(
      bot,
      scene,
      seller,
      "auction",
      { item: "A golden teapot", starting_bid: 100, duration: "10m" },
      { sub: "create" },
    );
    const id = auctionIdOf(textOf(created));
    expect(textOf(created)).toContain("**Starting bid:** 🪙 **100** coins — no bids yet");
    await bot.settle();

    const low = await run(bot, scene, alice, "auction", { id, amount: 99 }, { sub: "bid" });
    expect(textOf(low)).toContain("The lowest bid on auction");
    expect(textOf(low)).toContain("🪙 **100** coins");
    await run(bot, scene, alice, "auction", { id, amount: 100 }, { sub: "bid" });
    expect(await balance(bot, scene, alice)).toBe(900n);
    const tooLittle = await run(bot, scene, bob, "auction", { id, amount: 104 }, { sub: "bid" });
    expect(textOf(tooLittle)).toContain("🪙 **105** coins");
    const outbid = await run(bot, scene, bob, "auction", { id, amount: 105 }, { sub: "bid" });
    expect(textOf(outbid)).toContain(
      `<@${alice}> was outbid: their 🪙 **100** coins went back to them`,
    );
    expect(await balance(bot, scene, alice)).toBe(1000n);
    expect(await balance(bot, scene, bob)).toBe(895n);
    expect(await balanceOf(db(), scene.guildId, escrow("auction", id))).toBe(105n);
    const legs = await db()
      .select({ kind: economyTransfers.kind, leg: economyTransfers.leg })
      .from(economyTransfers)
      .where(
        and(eq(economyTransfers.guildId, scene.guildId), eq(economyTransfers.kind, "bid_refund")),
      );
    expect(legs).toEqual([{ kind: "bid_refund", leg: 0 }]);

    const own = await run(bot, scene, seller, "auction", { id, amount: 500 }, { sub: "bid" });
    expect(textOf(own)).toContain("You cannot bid on your own auction");
    const cancel = await run(bot, scene, seller, "auction", { id }, { sub: "cancel" });
    expect(textOf(cancel)).toContain("Someone has bid already");

    clock.offsetMs += 11 * 60_000;
    const late = await run(bot, scene, alice, "auction", { id, amount: 500 }, { sub: "bid" });
    expect(textOf(late)).toContain(`Auction #${id} has ended`);
    const { jobs } = (await (await bot.postScheduled()).json()) as { jobs: Record<string, number> };
    // The late bid already settled it, lazily; the scheduled work finds nothing left.
    expect(jobs["settle-auctions"]).toBe(0);
    const settled = await auctionRow(id);
    expect(settled.state).toBe("settled");
    expect(await balance(bot, scene, seller)).toBe(105n);
    expect(await balanceOf(db(), scene.guildId, escrow("auction", id))).toBe(0n);
    const won = await db()
      .select()
      .from(economyInventory)
      .where(eq(economyInventory.guildId, scene.guildId));
    expect(won.map((w) => [w.userId, w.name, w.price])).toEqual([[bob, "A golden teapot", 105n]]);
    await bot.settle();
    const message = bot.discord.state.interactionMessage(
      settled.channelId as string,
      settled.messageId as string,
    );
    expect(textOf(message ?? undefined)).toContain(`**Sold to** <@${bob}> for 🪙 **105** coins`);
    expect((await auditLedger(db(), scene.guildId)).problems).toEqual([]);
  });

  it("settles by the scheduled work, and extends the end when a bid comes in the last 30 s", async () => {
    const scene = seedEconomy(bot);
    const [seller, alice] = scene.members as [string, string];
    await fund(bot, scene, [alice], 1000n);
    const created = await run(
      bot,
      scene,
      seller,
      "auction",
      { item: "Lamp", starting_bid: 10, duration: "1m" },
      { sub: "create" },
    );
    const id = auctionIdOf(textOf(created));
    const before = (await auctionRow(id)).endsAt.getTime();
    clock.offsetMs += 45_000;
    const sniped = await run(bot, scene, alice, "auction", { id, amount: 10 }, { sub: "bid" });
    expect(textOf(sniped)).toContain("A late bid: the auction now ends");
    expect((await auctionRow(id)).endsAt.getTime()).toBe(before + 30_000);
    clock.offsetMs += 30_000;
    expect((await bot.runScheduled(new Date(clock.now())))["settle-auctions"]).toBe(0);
    clock.offsetMs += 30_000;
    // The scheduled work and POST /admin/scheduled race for it: one of them settles it.
    const [first, second] = await Promise.all([
      bot.runScheduled(new Date(clock.now())),
      bot
        .postScheduled()
        .then(async (r) => ((await r.json()) as { jobs: Record<string, number> }).jobs),
    ]);
    expect(Number(first["settle-auctions"]) + Number(second["settle-auctions"])).toBe(1);
    expect(await balance(bot, scene, seller)).toBe(10n);
    const sales = await db()
      .select()
      .from(economyTransfers)
      .where(and(eq(economyTransfers.guildId, scene.guildId), eq(economyTransfers.kind, "sale")));
    expect(sales).toHaveLength(1);
  });

  it("lets the seller cancel before any bid, and closes an auction nobody bid on", async () => {
    const scene = seedEconomy(bot);
    const [seller, other] = scene.members as [string, string];
    const a = auctionIdOf(
      textOf(
        await run(
          bot,
          scene,
          seller,
          "auction",
          { item: "Hat", starting_bid: 5, duration: "5m" },
          { sub: "create" },
        ),
      ),
    );
    const notYours = await run(bot, scene, other, "auction", { id: a }, { sub: "cancel" });
    expect(textOf(notYours)).toContain(`Only the seller, <@${seller}>`);
    const cancelled = await run(bot, scene, seller, "auction", { id: a }, { sub: "cancel" });
    expect(textOf(cancelled)).toContain("cancelled");
    const onCancelled = await run(
      bot,
      scene,
      other,
      "auction",
      { id: a, amount: 50 },
      { sub: "bid" },
    );
    expect(textOf(onCancelled)).toContain(`Auction #${a} was cancelled`);

    const b = auctionIdOf(
      textOf(
        await run(
          bot,
          scene,
          seller,
          "auction",
          { item: "Scarf", starting_bid: 5, duration: "2m" },
          { sub: "create" },
        ),
      ),
    );
    clock.offsetMs += 3 * 60_000;
    const viewed = await run(bot, scene, other, "auction", { id: b }, { sub: "view" });
    expect(textOf(viewed)).toContain("It ended without a bid");
    expect((await auctionRow(b)).state).toBe("settled");
  });

  it("lists open auctions in pages and refuses bad input clearly", async () => {
    const scene = seedEconomy(bot);
    const [seller, bidder] = scene.members as [string, string];
    await fund(bot, scene, [bidder], 50n);
    for (let i = 1; i <= 3; i++)
      await run(
        bot,
        scene,
        seller,
        "auction",
        { item: `Item ${i}`, starting_bid: 10 * i, duration: `${i}h` },
        { sub: "create" },
      );
    const listed = await run(bot, scene, bidder, "auction", {}, { sub: "list" });
    expect(textOf(listed)).toMatch(/Item 1 — starts at 🪙 \*\*10\*\* coins[\s\S]*Item 3/);
    expect(textOf(listed)).toContain("3 open");

    for (const [duration, problem] of [
      ["soon", "is not a duration"],
      ["30s", "at least 1 minute"],
      ["8d", "at most 7 days"],
      ["permanent", "is not a duration"],
    ] as const) {
      const answer = await run(
        bot,
        scene,
        seller,
        "auction",
        { item: "X", starting_bid: 1, duration },
        { sub: "create" },
      );
      expect(isEphemeral(answer)).toBe(true);
      expect(textOf(answer)).toContain(problem);
    }
    const unknown = await run(
      bot,
      scene,
      bidder,
      "auction",
      { id: 987_654_321, amount: 10 },
      { sub: "bid" },
    );
    expect(textOf(unknown)).toContain("There is no auction #987654321 here");
    const third = Number(/\*\*#(\d+)\*\* Item 3/.exec(textOf(listed))?.[1]);
    const broke = await run(
      bot,
      scene,
      bidder,
      "auction",
      { id: third, amount: 60 },
      { sub: "bid" },
    );
    expect(textOf(broke)).toContain("You have 🪙 **50** coins; this needs 🪙 **60** coins");
  });

  it("applies a bid once when Discord delivers it twice", async () => {
    const scene = seedEconomy(bot);
    const [seller, alice] = scene.members as [string, string];
    await fund(bot, scene, [alice], 500n);
    const id = auctionIdOf(
      textOf(
        await run(
          bot,
          scene,
          seller,
          "auction",
          { item: "Cup", starting_bid: 10, duration: "1h" },
          { sub: "create" },
        ),
      ),
    );
    const payload = economyCommand(scene, alice, "auction", { id, amount: 200 }, { sub: "bid" });
    const answers = await Promise.all([bot.interact(payload), bot.interact(payload)]);
    expect(answers.map((a) => textOf(a).includes("Bid placed")).sort()).toEqual([false, true]);
    expect(answers.some((a) => textOf(a).includes("already carried out"))).toBe(true);
    expect(await balance(bot, scene, alice)).toBe(300n);
    expect((await auctionRow(id)).bidCount).toBe(1);
  });
});
