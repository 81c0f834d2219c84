import { insertGame } from "../../data/economy/games.ts";
import { post } from "../../data/economy/ledger.ts";
import { takeNonce } from "../../data/economy/seeds.ts";
import type { GameRow } from "../../db/schema.ts";
import { HOUSE, wallet } from "../../domain/economy/accounts.ts";
import type { Transfer } from "../../domain/economy/transfers.ts";
import type { Deps } from "../../ports/index.ts";
import { applicationOf } from "../application.ts";
import { type Outcome, ReplayedError, replayedOnThrow } from "../outcome.ts";
import { type Choice, INSTANT_GAMES, type InstantGameName } from "./instant-games.ts";
import { makeSeed } from "./seeds.ts";

/** A bet on an instant game. */
export interface InstantBet {
  game: InstantGameName;
  guildId: string;
  userId: string;
  bet: bigint;
  choice: Choice;
  /** The interaction id. */
  key: string;
}

/** A played game, the seed hash it was drawn from, and the wallet after it. */
export interface Played {
  game: GameRow;
  seedHash: string;
  balance: bigint;
}

/**
 * Plays an instant game in one transaction: takes the member's next nonce, draws the
 * outcome, records the game, then moves the stake to `house` and the payout back — the
 * wallet must cover the stake before any payout counts. A redelivered interaction plays
 * nothing (and gives its nonce back).
 */
export async function playInstant(deps: Deps, input: InstantBet): Promise<Outcome<Played>> {
  return replayedOnThrow(() =>
    deps.db.transaction(async (tx) => {
      const lease = await takeNonce(tx, input.guildId, input.userId, makeSeed);
      const play = await INSTANT_GAMES[input.game](
        lease.seed,
        input.userId,
        lease.nonce,
        input.choice,
        input.bet,
      );
      const now = new Date(deps.clock.now());
      const game = await insertGame(tx, {
        guildId: input.guildId,
        applicationId: applicationOf(deps),
        userId: input.userId,
        game: input.game,
        key: input.key,
        seedId: lease.seedId,
        nonce: lease.nonce,
        bet: input.bet,
        stake: input.bet,
        choice: input.choice,
        outcome: play.outcome,
        payout: play.payout,
        status: "settled",
        createdAt: now,
        settledAt: now,
      });
      if (!game) throw new ReplayedError();
      const member = wallet(input.userId);
      const transfers: Transfer[] = [
        { from: member, to: HOUSE, amount: input.bet, kind: "bet", memo: input.game },
      ];
      if (play.payout > 0n)
        transfers.push({
          from: HOUSE,
          to: member,
          amount: play.payout,
          kind: "payout",
          memo: input.game,
        });
      const posted = await post(tx, {
        guildId: input.guildId,
        key: input.key,
        actorId: input.userId,
        ref: `game:${game.id}`,
        transfers,
      });
      if (!posted.applied) throw new ReplayedError();
      return {
        status: "done",
        game,
        seedHash: lease.seedHash,
        balance: posted.balances.get(member) ?? 0n,
      } as const;
    }),
  );
}
