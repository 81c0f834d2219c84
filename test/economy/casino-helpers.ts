import { eq } from "drizzle-orm";
import { economyGames, economySeeds, type GameRow } from "../../src/db/schema.ts";
import { type Card, deal } from "../../src/domain/economy/blackjack.ts";
import { newServerSeed, seedHash } from "../../src/domain/economy/fairness.ts";
import { shoeFor } from "../../src/economy/casino/blackjack.ts";
import type { Answer, TestBot } from "../support/bot.ts";
import type { EconomyScene } from "./helpers.ts";

/**
 * Gives a member a seed whose first game (nonce 0) passes `accept`, found by trying fresh
 * random seeds: tests can then count on a hand that is still in play, or a known flip.
 */
export async function plantSeed(
  bot: TestBot,
  scene: EconomyScene,
  userId: string,
  accept: (seed: string) => Promise<boolean>,
): Promise<string> {
  for (let tries = 0; tries < 500; tries++) {
    const seed = newServerSeed();
    if (!(await accept(seed))) continue;
    await bot.node.database.db.insert(economySeeds).values({
      guildId: scene.guildId,
      userId,
      seed,
      seedHash: await seedHash(seed),
      state: "active",
    });
    return seed;
  }
  throw new Error("no seed found that fits");
}

/** A seed whose first blackjack hand is still in play after the deal and fits `more`. */
export function handInPlay(userId: string, more: (cards: Card[]) => boolean = () => true) {
  return async (seed: string) => {
    const cards = await shoeFor(seed, userId, 0);
    return deal(cards).phase === "player" && more(cards);
  };
}

/** The game an answer shows, read from its footer ("Game #12 · …"). */
export async function gameOf(
  bot: TestBot,
  answer: Answer | { embeds?: unknown },
): Promise<GameRow> {
  const body = "body" in answer ? (answer.body as { data?: { embeds?: unknown } }).data : answer;
  const footer = (body?.embeds as { footer?: { text?: string } }[] | undefined)?.[0]?.footer?.text;
  const id = Number(/Game #(\d+)/.exec(footer ?? "")?.[1]);
  if (!id) throw new Error(`no game in ${JSON.stringify(body)}`);
  const [row] = await bot.node.database.db
    .select()
    .from(economyGames)
    .where(eq(economyGames.id, id));
  if (!row) throw new Error(`game ${id} not found`);
  return row;
}
