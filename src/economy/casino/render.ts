import { balanceOf } from "../../data/economy/ledger.ts";
import { findSeed } from "../../data/economy/seeds.ts";
import type { GameRow } from "../../db/schema.ts";
import { wallet } from "../../domain/economy/accounts.ts";
import type { Currency } from "../../domain/economy/amounts.ts";
import type { Deps, MessageBody } from "../../ports/index.ts";
import { blackjackView, instantGameView } from "./views.ts";

/** A game's message as it stands, reading what the game row does not carry. */
export async function renderGame(
  deps: Deps,
  game: GameRow,
  currency: Currency,
  balance?: bigint,
): Promise<MessageBody> {
  const [seed, coins] = await Promise.all([
    findSeed(deps.db, game.guildId, game.seedId),
    balance ?? balanceOf(deps.db, game.guildId, wallet(game.userId)),
  ]);
  const hash = seed?.seedHash ?? "unknown";
  return game.game === "blackjack"
    ? blackjackView(game, hash, currency, coins)
    : instantGameView(game, hash, currency, coins);
}
