import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLedger } from "../../src/data/economy/audit.ts";
import { balanceOf } from "../../src/data/economy/ledger.ts";
import { economyGames, economyTransfers } from "../../src/db/schema.ts";
import { HOUSE } from "../../src/domain/economy/accounts.ts";
import { blackjackPayout, handValue, replayHand } from "../../src/domain/economy/blackjack.ts";
import { drawOne } from "../../src/domain/economy/fairness.ts";
import { shoeFor } from "../../src/economy/casino/blackjack.ts";
import { buttonIds, testClock, textOf } from "../moderation/helpers.ts";
import { startBot, type TestBot } from "../support/bot.ts";
import { autocomplete, componentPress } from "../support/interactions.ts";
import { gameOf, handInPlay, plantSeed } from "./casino-helpers.ts";
import {
  as,
  balance,
  economyCommand,
  fund,
  isEphemeral,
  pressAs,
  run,
  seedEconomy,
} from "./helpers.ts";

const clock = testClock();
let bot: TestBot;
beforeAll(async () => {
  bot = await startBot({ clock });
});
afterAll(() => bot?.close());

const db = () => bot.node.database.db;
const MINUTE = 60_000;

describe("/coinflip", () => {
  it("stakes the bet with the house and pays 2× on a right call, in one transaction", async () => {
    const scene = seedEconomy(bot);
    const [member] = scene.members as [string];
    await fund(bot, scene, [member], 1000n);
    await plantSeed(bot, scene, member, async (seed) => (await drawOne(seed, member, 0, 100)) < 49);
    const won = await run(bot, scene, member, "coinflip", { amount: 100, side: "heads" });
    expect(textOf(won)).toContain("it came up **heads**");
    expect(textOf(won)).toContain("Won 🪙 **100** coins (paid 🪙 **200** coins)");
    expect(textOf(won)).toContain("Balance: 🪙 **1,100** coins");
    expect(textOf(won)).toMatch(/Game #\d+ · nonce 0 · seed hash [0-9a-f]{16}…/);
    expect(await balance(bot, scene, member)).toBe(1100n);
    expect(await balanceOf(db(), scene.guildId, HOUSE)).toBe(-100n);
    const game = await gameOf(bot, won);
    const legs = await db()
      .select({
        kind: economyTransfers.kind,
        amount: economyTransfers.amount,
        ref: economyTransfers.ref,
      })
      .from(economyTransfers)
      .where(and(eq(economyTransfers.guildId, scene.guildId), eq(economyTransfers.kind, "bet")));
    expect(legs).toEqual([{ kind: "bet", amount: 100n, ref: `game:${game.id}` }]);
    expect((await auditLedger(db(), scene.guildId)).problems).toEqual([]);
  });

  it("takes the whole stake on a wrong call or the edge", async () => {
    const scene = seedEconomy(bot);
    const [member] = scene.members as [string];
    await fund(bot, scene, [member], 1000n);
    await plantSeed(
      bot,
      scene,
      member,
      async (seed) => (await drawOne(seed, member, 0, 100)) >= 49,
    );
    const lost = await run(bot, scene, member, "coinflip", { amount: 250, side: "heads" });
    expect(textOf(lost)).toContain("Lost 🪙 **250** coins.");
    expect(await balance(bot, scene, member)).toBe(750n);
    expect(await balanceOf(db(), scene.guildId, HOUSE)).toBe(250n);
  });

  it.each([
    [
      "under the minimum",
      { amount: 5, side: "heads" },
      "Bets here are from 🪙 **10** coins to 🪙 **100,000** coins",
    ],
    ["over the maximum", { amount: 100_001, side: "heads" }, "Bets here are from"],
    [
      "more than the balance",
      { amount: 501, side: "heads" },
      "You have 🪙 **500** coins; this needs 🪙 **501** coins",
    ],
    ["a side that does not exist", { amount: 50, side: "edge" }, "Call `heads` or `tails`"],
    ["a negative bet", { amount: -50, side: "heads" }, "at least 1"],
  ])("refuses %s and plays nothing", async (_, options, problem) => {
    const scene = seedEconomy(bot);
    const [member] = scene.members as [string];
    await fund(bot, scene, [member], 500n);
    const answer = await run(bot, scene, member, "coinflip", options);
    expect(isEphemeral(answer)).toBe(true);
    expect(textOf(answer)).toContain(problem);
    expect(await balance(bot, scene, member)).toBe(500n);
    const games = await db()
      .select()
      .from(economyGames)
      .where(eq(economyGames.guildId, scene.guildId));
    expect(games).toEqual([]);
  });

  it("plays a redelivered interaction once, and the nonce moves on once", async () => {
    const scene = seedEconomy(bot);
    const [member] = scene.members as [string];
    await fund(bot, scene, [member], 500n);
    const payload = economyCommand(scene, member, "coinflip", { amount: 100, side: "tails" });
    const answers = await Promise.all([bot.interact(payload), bot.interact(payload)]);
    expect(answers.filter((a) => textOf(a).includes("already carried out"))).toHaveLength(1);
    const games = await db()
      .select()
      .from(economyGames)
      .where(eq(economyGames.guildId, scene.guildId));
    expect(games.map((g) => g.nonce)).toEqual([0]);
    const next = await run(bot, scene, member, "coinflip", { amount: 10, side: "tails" });
    expect((await gameOf(bot, next)).nonce).toBe(1);
  });
});

describe("/slots and /roulette", () => {
  it("spins three reels and pays the paytable's multiple", async () => {
    const scene = seedEconomy(bot);
    const [member] = scene.members as [string];
    await fund(bot, scene, [member], 1000n);
    const spun = await run(bot, scene, member, "slots", { amount: 40 });
    const game = await gameOf(bot, spun);
    const outcome = game.outcome as { symbols: string[]; multiplier: number };
    expect(outcome.symbols).toHaveLength(3);
    expect(game.payout).toBe(40n * BigInt(outcome.multiplier));
    expect(await balance(bot, scene, member)).toBe(1000n - 40n + (game.payout ?? 0n));
  });

  it("takes a typed bet, refuses one that does not exist, and suggests bets as you type", async () => {
    const scene = seedEconomy(bot);
    const [member] = scene.members as [string];
    await fund(bot, scene, [member], 1000n);
    const spun = await run(bot, scene, member, "roulette", { amount: 20, bet: "Red" });
    expect(textOf(spun)).toContain("bet on **red**");
    const game = await gameOf(bot, spun);
    const { pocket, color } = game.outcome as { pocket: number; color: string };
    expect(game.payout).toBe(color === "red" ? 40n : 0n);
    expect(pocket).toBeGreaterThanOrEqual(0);
    for (const bet of ["37", "purple", "-1"]) {
      const refused = await run(bot, scene, member, "roulette", { amount: 20, bet });
      expect(textOf(refused)).toContain("Bet on `red`, `black`");
    }
    const suggest = async (typed: string) => {
      const answer = await bot.interact(
        autocomplete(
          "roulette",
          { name: "bet", value: typed },
          { ...as(scene, member), options: { amount: 20 } },
        ),
      );
      return (answer.body as { data: { choices: { value: string }[] } }).data.choices.map(
        (c) => c.value,
      );
    };
    expect(await suggest("r")).toEqual(["red"]);
    expect(await suggest("3")).toEqual(["3", "30", "31", "32", "33", "34", "35", "36"]);
    expect(await suggest("")).toHaveLength(25);
  });
});

describe("/blackjack", () => {
  it("deals with buttons only the player may press, and stands to a settled payout", async () => {
    const scene = seedEconomy(bot);
    const [player, stranger] = scene.members as [string, string];
    await fund(bot, scene, [player], 1000n);
    const seed = await plantSeed(bot, scene, player, handInPlay(player));
    const dealt = await run(bot, scene, player, "blackjack", { amount: 100 });
    expect(textOf(dealt)).toContain("plays for 🪙 **100** coins");
    const message = (dealt.body as unknown as { data: never }).data;
    const [hit, stand, double] = buttonIds(message);
    expect(hit).toMatch(/^blackjack:hit:\d+$/);
    expect(await balance(bot, scene, player)).toBe(900n);
    const game = await gameOf(bot, dealt);

    const refused = await pressAs(bot, scene, stranger, stand as string);
    expect(isEphemeral(refused)).toBe(true);
    expect(textOf(refused)).toContain(`This is <@${player}>'s hand`);
    const untouched = await gameOf(bot, dealt);
    expect([untouched.status, untouched.moves]).toEqual(["active", []]);

    const stood = await pressAs(bot, scene, player, stand as string);
    expect(stood.body.type).toBe(7);
    const settled = await gameOf(bot, dealt);
    expect(settled.status).toBe("settled");
    const cards = await shoeFor(seed, player, game.nonce);
    const hand = replayHand(cards, ["stand"]);
    expect(settled.payout).toBe(blackjackPayout(100n, hand));
    expect(await balance(bot, scene, player)).toBe(900n + blackjackPayout(100n, hand));
    expect(buttonIds((stood.body as unknown as { data: never }).data)).toEqual([]);
    // The old buttons now only show the result.
    const late = await pressAs(bot, scene, player, double as string);
    expect(textOf(late)).toMatch(/The dealer|You win|Push|Bust/);
    expect(await balance(bot, scene, player)).toBe(900n + blackjackPayout(100n, hand));
  });

  it("doubles the stake for exactly one more card", async () => {
    const scene = seedEconomy(bot);
    const [player] = scene.members as [string];
    await fund(bot, scene, [player], 1000n);
    await plantSeed(bot, scene, player, handInPlay(player));
    const dealt = await run(bot, scene, player, "blackjack", { amount: 100 });
    const double = buttonIds((dealt.body as unknown as { data: never }).data)[2] as string;
    await pressAs(bot, scene, player, double);
    const game = await gameOf(bot, dealt);
    expect(game.stake).toBe(200n);
    expect(game.moves).toEqual(["double"]);
    const hand = (game.outcome as { hand: { player: number[]; doubled: boolean } }).hand;
    expect(hand.player).toHaveLength(3);
    expect(await balance(bot, scene, player)).toBe(800n + (game.payout ?? 0n));
  });

  it("applies a press once when Discord delivers it twice", async () => {
    const scene = seedEconomy(bot);
    const [player] = scene.members as [string];
    await fund(bot, scene, [player], 1000n);
    // A hand of 11 or less cannot bust on one hit, so it is still in play after one.
    await plantSeed(
      bot,
      scene,
      player,
      handInPlay(player, (cards) => handValue([cards[0] ?? 0, cards[2] ?? 0]).total <= 11),
    );
    const dealt = await run(bot, scene, player, "blackjack", { amount: 50 });
    const hit = buttonIds((dealt.body as unknown as { data: never }).data)[0] as string;
    const press = componentPress(hit, as(scene, player));
    await Promise.all([bot.interact(press), bot.interact(press)]);
    const game = await gameOf(bot, dealt);
    expect(game.moves).toEqual(["hit"]);
    expect((game.outcome as { hand: { player: number[] } }).hand.player).toHaveLength(3);
  });

  it("stands a hand left alone for 5 minutes, by the scheduled work, and edits its message", async () => {
    const scene = seedEconomy(bot);
    const [player] = scene.members as [string];
    await fund(bot, scene, [player], 1000n);
    await plantSeed(bot, scene, player, handInPlay(player));
    const dealt = await run(bot, scene, player, "blackjack", { amount: 100 });
    await bot.settle();
    const game = await gameOf(bot, dealt);
    expect(game.messageId).not.toBeNull();
    const early = await bot.runScheduled(new Date(clock.now() + 4 * MINUTE));
    expect(early["stand-idle-blackjack"]).toBe(0);
    clock.offsetMs += 6 * MINUTE;
    const results = await bot.runScheduled(new Date(clock.now()));
    // Hands other tests of this file left in play are due as well.
    expect(results["stand-idle-blackjack"]).toBeGreaterThanOrEqual(1);
    const settled = await gameOf(bot, dealt);
    expect([settled.status, settled.moves]).toEqual(["settled", ["stand"]]);
    const edited = bot.discord.state.interactionMessage(
      game.channelId as string,
      game.messageId as string,
    );
    expect(textOf(edited ?? undefined)).toContain("Stood automatically after 5 minutes");
    expect(await balance(bot, scene, player)).toBe(900n + (settled.payout ?? 0n));
    expect((await bot.runScheduled(new Date(clock.now())))["stand-idle-blackjack"]).toBe(0);
  });

  it("stands an idle hand when its player presses a button after 5 minutes", async () => {
    const scene = seedEconomy(bot);
    const [player] = scene.members as [string];
    await fund(bot, scene, [player], 1000n);
    await plantSeed(bot, scene, player, handInPlay(player));
    const dealt = await run(bot, scene, player, "blackjack", { amount: 100 });
    clock.offsetMs += 6 * MINUTE;
    const hit = buttonIds((dealt.body as unknown as { data: never }).data)[0] as string;
    const pressed = await pressAs(bot, scene, player, hit);
    expect(textOf(pressed)).toContain("Stood automatically after 5 minutes");
    const game = await gameOf(bot, dealt);
    expect(game.moves).toEqual(["stand"]);
  });
});
