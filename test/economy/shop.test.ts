import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLedger } from "../../src/data/economy/audit.ts";
import { economyInventory, economyShopItems, economyTransfers } from "../../src/db/schema.ts";
import { testClock, textOf } from "../moderation/helpers.ts";
import { startBot, type TestBot } from "../support/bot.ts";
import { autocomplete } from "../support/interactions.ts";
import { as, balance, type EconomyScene, fund, isEphemeral, run, seedEconomy } from "./helpers.ts";

const clock = testClock();
let bot: TestBot;
beforeAll(async () => {
  bot = await startBot({ clock });
});
afterAll(() => bot?.close());

const db = () => bot.node.database.db;
const roleOption = (id: string) => ({ type: 8 as const, value: id });

/** Puts an item on sale as the scene's admin. */
function addItem(
  scene: EconomyScene,
  options: Record<string, string | number | { type: 8; value: string }>,
) {
  return run(bot, scene, scene.adminId, "shop", options, { sub: "add" });
}

const purchases = (guildId: string) =>
  db().select().from(economyInventory).where(eq(economyInventory.guildId, guildId));
const rolesOf = (scene: EconomyScene, userId: string) =>
  bot.discord.state.guilds.get(scene.guildId)?.members.get(userId) ?? [];

describe("/shop", () => {
  it("sells a role: charges the wallet, grants the role through Discord, and keeps the purchase", async () => {
    const scene = seedEconomy(bot);
    const [buyer] = scene.members as [string];
    await fund(bot, scene, [buyer], 1000n);
    const added = await addItem(scene, {
      name: "VIP",
      price: 300,
      role: roleOption(scene.roles.below),
      description: "Shiny name colour",
      limit: 1,
    });
    expect(textOf(added)).toContain("**VIP** — 🪙 **300** coins · role");
    expect(textOf(added)).not.toContain("⚠️");
    const bought = await run(bot, scene, buyer, "shop", { item: "vip" }, { sub: "buy" });
    expect(textOf(bought)).toContain(
      `bought the role <@&${scene.roles.below}> for 🪙 **300** coins`,
    );
    expect(rolesOf(scene, buyer)).toContain(scene.roles.below);
    expect(await balance(bot, scene, buyer)).toBe(700n);
    expect((await purchases(scene.guildId)).map((p) => [p.name, p.state])).toEqual([
      ["VIP", "owned"],
    ]);
    const again = await run(
      bot,
      scene,
      buyer,
      "shop",
      { item: "VIP" },
      { sub: "buy", roles: [scene.roles.below] },
    );
    expect(textOf(again)).toContain(`You already have <@&${scene.roles.below}>`);
    expect(await balance(bot, scene, buyer)).toBe(700n);
  });

  it("refunds a role it cannot grant in the same flow, and says why", async () => {
    const scene = seedEconomy(bot);
    const [buyer] = scene.members as [string];
    await fund(bot, scene, [buyer], 1000n);
    const added = await addItem(scene, {
      name: "Council seat",
      price: 400,
      role: roleOption(scene.roles.above),
      stock: 3,
    });
    expect(textOf(added)).toContain(
      `⚠️ Chopsticks' highest role is not above <@&${scene.roles.above}>: purchases are refunded`,
    );
    const answer = await run(bot, scene, buyer, "shop", { item: "Council seat" }, { sub: "buy" });
    expect(isEphemeral(answer)).toBe(true);
    expect(textOf(answer)).toContain("Purchase refunded");
    expect(textOf(answer)).toContain("its highest role must be above that role");
    expect(textOf(answer)).toContain("Balance: 🪙 **1,000** coins");
    expect(await balance(bot, scene, buyer)).toBe(1000n);
    expect(rolesOf(scene, buyer)).not.toContain(scene.roles.above);
    expect((await purchases(scene.guildId)).map((p) => p.state)).toEqual(["refunded"]);
    const [item] = await db()
      .select()
      .from(economyShopItems)
      .where(eq(economyShopItems.guildId, scene.guildId));
    expect(item?.stock).toBe(3);
    const kinds = await db()
      .select({ kind: economyTransfers.kind, amount: economyTransfers.amount })
      .from(economyTransfers)
      .where(and(eq(economyTransfers.guildId, scene.guildId), eq(economyTransfers.actorId, buyer)));
    expect(kinds).toEqual([{ kind: "purchase", amount: 400n }]);
    expect((await auditLedger(db(), scene.guildId)).problems).toEqual([]);
  });

  it("settles a purchase whose grant Discord never answered: the scheduled check refunds it", async () => {
    const scene = seedEconomy(bot);
    const [buyer] = scene.members as [string];
    await fund(bot, scene, [buyer], 500n);
    await addItem(scene, { name: "VIP", price: 200, role: roleOption(scene.roles.below) });
    bot.discord.failNext("/guilds/:id/members/:user/roles/:role", {
      status: 500,
      code: 0,
      message: "Internal Server Error",
      // Whatever the client's retries, every attempt in this guild fails.
      params: { id: scene.guildId },
      count: 10,
    });
    const answer = await run(bot, scene, buyer, "shop", { item: "VIP" }, { sub: "buy" });
    expect(textOf(answer)).toContain("Purchase pending");
    expect(await balance(bot, scene, buyer)).toBe(300n);
    expect((await bot.runScheduled(new Date(clock.now())))["reconcile-shop-purchases"]).toBe(0);
    clock.offsetMs += 3 * 60_000;
    expect((await bot.runScheduled(new Date(clock.now())))["reconcile-shop-purchases"]).toBe(1);
    expect(await balance(bot, scene, buyer)).toBe(500n);
    expect((await purchases(scene.guildId)).map((p) => p.state)).toEqual(["refunded"]);
  });

  it("sells text items into the inventory, honouring stock and the per-member limit", async () => {
    const scene = seedEconomy(bot);
    const [first, second] = scene.members as [string, string];
    await fund(bot, scene, [first, second], 1000n);
    await addItem(scene, { name: "Golden ticket", price: 100, stock: 2, limit: 1 });
    await run(bot, scene, first, "shop", { item: "golden ticket" }, { sub: "buy" });
    const limit = await run(bot, scene, first, "shop", { item: "Golden ticket" }, { sub: "buy" });
    expect(textOf(limit)).toContain("You may own at most 1 of **Golden ticket**");
    await run(bot, scene, second, "shop", { item: "Golden ticket" }, { sub: "buy" });
    const third = scene.members[2] as string;
    await fund(bot, scene, [third], 1000n);
    const soldOut = await run(bot, scene, third, "shop", { item: "Golden ticket" }, { sub: "buy" });
    expect(textOf(soldOut)).toContain("**Golden ticket** is sold out");
    expect(await balance(bot, scene, third)).toBe(1000n);
    const inventory = await run(bot, scene, first, "inventory");
    expect(textOf(inventory)).toContain("**Golden ticket** — bought for 🪙 **100** coins");
    const listed = await run(bot, scene, third, "shop", {}, { sub: "list" });
    expect(textOf(listed)).toContain(
      "**Golden ticket** — 🪙 **100** coins · item · 0 left · at most 1 each",
    );
  });

  it("lets only Manage Server add and remove items, refuses clashing names, and completes names", async () => {
    const scene = seedEconomy(bot);
    const [member] = scene.members as [string];
    await fund(bot, scene, [member], 100n);
    const refused = await run(
      bot,
      scene,
      member,
      "shop",
      { name: "Hack", price: 1 },
      { sub: "add" },
    );
    expect(textOf(refused)).toContain("You need **Manage Server**");
    await addItem(scene, { name: "Cookie", price: 5 });
    const clash = await addItem(scene, { name: "cookie", price: 6 });
    expect(textOf(clash)).toContain("already sells an item called “cookie”");
    const everyone = await addItem(scene, {
      name: "All",
      price: 6,
      role: roleOption(scene.guildId),
    });
    expect(textOf(everyone)).toContain("@everyone cannot be sold");
    const completed = await bot.interact(
      autocomplete(
        "shop",
        { name: "item", value: "coo" },
        { ...as(scene, member), subcommand: "buy" },
      ),
    );
    expect((completed.body as { data: { choices: { value: string }[] } }).data.choices).toEqual([
      { name: "Cookie — 🪙 5", value: "Cookie" },
    ]);
    await run(bot, scene, scene.adminId, "shop", { item: "Cookie" }, { sub: "remove" });
    const gone = await run(bot, scene, member, "shop", { item: "Cookie" }, { sub: "buy" });
    expect(textOf(gone)).toContain("There is no item called “Cookie”");
    expect(await balance(bot, scene, member)).toBe(100n);
  });
});
