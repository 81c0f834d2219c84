import type { Transaction } from "../../data/economy/executor.ts";
import {
  claimDueGames,
  insertGame,
  lockGame,
  recordMove,
  updateGame,
} from "../../data/economy/games.ts";
import { balanceOf, post } from "../../data/economy/ledger.ts";
import { findSeed, takeNonce } from "../../data/economy/seeds.ts";
import type { GameRow } from "../../db/schema.ts";
import { HOUSE, wallet } from "../../domain/economy/accounts.ts";
import {
  applyMove,
  type BlackjackHand,
  type BlackjackResult,
  blackjackPayout,
  blackjackResult,
  CARD_RANGE,
  type Card,
  canMove,
  deal,
  MAX_ROUNDS,
  type Move,
} from "../../domain/economy/blackjack.ts";
import { drawRounds } from "../../domain/economy/fairness.ts";
import type { Transfer } from "../../domain/economy/transfers.ts";
import { UserError } from "../../interactions/index.ts";
import type { Deps } from "../../ports/index.ts";
import { applicationOf } from "../application.ts";
import { type Outcome, ReplayedError, replayedOnThrow } from "../outcome.ts";
import { makeSeed } from "./seeds.ts";

/** A hand left alone this long stands by itself. */
export const IDLE_STAND_MS = 5 * 60_000;

/** What a blackjack game stores as its outcome: the hand, and how it ended once it did. */
export interface HandRecord {
  hand: BlackjackHand;
  result?: BlackjackResult;
  /** Stood automatically after {@link IDLE_STAND_MS} without a move. */
  auto?: boolean;
}

/** The hand of a blackjack game row. */
export function handOf(game: GameRow): HandRecord {
  return game.outcome as HandRecord;
}

/** Every card the hand could need, drawn from the game's seed and nonce. */
export function shoeFor(seed: string, userId: string, nonce: number): Promise<Card[]> {
  return drawRounds(seed, userId, nonce, MAX_ROUNDS, CARD_RANGE);
}

/** A blackjack game after an action, with the wallet balance when money moved. */
export interface HandUpdate {
  game: GameRow;
  balance: bigint;
}

/**
 * Settles a finished hand in the caller's transaction (the game row is locked): a double's
 * second stake goes to `house` and the payout comes back, under the key `game:<id>:settle`.
 */
async function settleHand(
  tx: Transaction,
  game: GameRow,
  hand: BlackjackHand,
  moves: string[],
  now: Date,
  auto = false,
): Promise<HandUpdate> {
  const member = wallet(game.userId);
  const payout = blackjackPayout(game.bet, hand);
  const transfers: Transfer[] = [];
  if (hand.doubled)
    transfers.push({
      from: member,
      to: HOUSE,
      amount: game.bet,
      kind: "bet",
      memo: "blackjack double",
    });
  if (payout > 0n)
    transfers.push({ from: HOUSE, to: member, amount: payout, kind: "payout", memo: "blackjack" });
  let balance: bigint | undefined;
  if (transfers.length > 0) {
    const posted = await post(tx, {
      guildId: game.guildId,
      key: `game:${game.id}:settle`,
      actorId: game.userId,
      ref: `game:${game.id}`,
      transfers,
    });
    if (!posted.applied) throw new Error(`game ${game.id} was settled twice`);
    balance = posted.balances.get(member);
  }
  const record: HandRecord = { hand, result: blackjackResult(hand), ...(auto ? { auto } : {}) };
  const patch = {
    status: "settled",
    stake: hand.doubled ? game.bet * 2n : game.bet,
    payout,
    outcome: record,
    moves,
    dueAt: null,
    settledAt: now,
  };
  await updateGame(tx, game.id, patch);
  return {
    game: { ...game, ...patch },
    balance: balance ?? (await balanceOf(tx, game.guildId, member)),
  };
}

/**
 * Deals a hand: the stake moves to `house` at once. A blackjack on either side settles in
 * the same transaction; otherwise the hand waits for Hit, Stand or Double.
 */
export async function startBlackjack(
  deps: Deps,
  input: { guildId: string; userId: string; bet: bigint; key: string },
): Promise<Outcome<HandUpdate & { seedHash: string }>> {
  return replayedOnThrow(() =>
    deps.db.transaction(async (tx) => {
      const lease = await takeNonce(tx, input.guildId, input.userId, makeSeed);
      const cards = await shoeFor(lease.seed, input.userId, lease.nonce);
      const hand = deal(cards);
      const now = new Date(deps.clock.now());
      const game = await insertGame(tx, {
        guildId: input.guildId,
        applicationId: applicationOf(deps),
        userId: input.userId,
        game: "blackjack",
        key: input.key,
        seedId: lease.seedId,
        nonce: lease.nonce,
        bet: input.bet,
        stake: input.bet,
        outcome: { hand } satisfies HandRecord,
        status: "active",
        dueAt: new Date(now.getTime() + IDLE_STAND_MS),
        createdAt: now,
      });
      if (!game) throw new ReplayedError();
      const member = wallet(input.userId);
      const staked = await post(tx, {
        guildId: input.guildId,
        key: input.key,
        actorId: input.userId,
        ref: `game:${game.id}`,
        transfers: [{ from: member, to: HOUSE, amount: input.bet, kind: "bet", memo: "blackjack" }],
      });
      if (!staked.applied) throw new ReplayedError();
      const update =
        hand.phase === "done"
          ? await settleHand(tx, game, hand, [], now)
          : { game, balance: staked.balances.get(member) ?? 0n };
      return { status: "done", seedHash: lease.seedHash, ...update } as const;
    }),
  );
}

/** What a press on a hand's button did. */
export type MoveOutcome =
  | { kind: "moved"; update: HandUpdate; auto: false }
  /** The hand had been idle too long: it stood instead of taking the move. */
  | { kind: "moved"; update: HandUpdate; auto: true }
  /** The hand was already over (another press, or the scheduled work, ended it). */
  | { kind: "over"; game: GameRow }
  /** This very press was applied before (Discord delivered it twice). */
  | { kind: "replayed"; game: GameRow };

/**
 * Applies a button press to a hand: only its player may press; each press (its interaction
 * id plus the action) acts once; a hand idle for 5 minutes stands instead.
 */
export async function moveBlackjack(
  deps: Deps,
  input: { guildId: string; gameId: number; userId: string; move: Move; key: string },
): Promise<MoveOutcome> {
  return deps.db.transaction(async (tx): Promise<MoveOutcome> => {
    const game = await lockGame(tx, input.guildId, input.gameId);
    if (game?.game !== "blackjack")
      throw new UserError(`There is no blackjack game #${input.gameId} here.`, "Unknown game");
    if (game.userId !== input.userId)
      throw new UserError(
        `This is <@${game.userId}>'s hand; start your own with \`/blackjack\`.`,
        "Not your hand",
      );
    if (game.status !== "active") return { kind: "over", game };
    const now = new Date(deps.clock.now());
    if (!(await recordMove(tx, game.id, input.key))) return { kind: "replayed", game };
    const seed = await findSeed(tx, game.guildId, game.seedId);
    if (!seed) throw new Error(`seed ${game.seedId} of game ${game.id} is missing`);
    const cards = await shoeFor(seed.seed, game.userId, game.nonce);
    const { hand } = handOf(game);
    if (game.dueAt && game.dueAt.getTime() <= now.getTime()) {
      const stood = applyMove(hand, "stand", cards);
      const update = await settleHand(tx, game, stood, [...game.moves, "stand"], now, true);
      return { kind: "moved", update, auto: true };
    }
    if (!canMove(hand, input.move))
      throw new UserError("You can double only on your first two cards.", "Not allowed");
    const next = applyMove(hand, input.move, cards);
    const moves = [...game.moves, input.move];
    if (next.phase === "done")
      return { kind: "moved", update: await settleHand(tx, game, next, moves, now), auto: false };
    const patch = {
      outcome: { hand: next } satisfies HandRecord,
      moves,
      dueAt: new Date(now.getTime() + IDLE_STAND_MS),
    };
    await updateGame(tx, game.id, patch);
    return {
      kind: "moved",
      update: {
        game: { ...game, ...patch },
        balance: await balanceOf(tx, game.guildId, wallet(game.userId)),
      },
      auto: false,
    };
  });
}

/**
 * Stands every hand idle past its 5 minutes (of one guild, or all) and settles it. Rows are
 * claimed with `SKIP LOCKED`: a press or another run settling the same hand is never doubled.
 */
export async function standIdleHands(
  deps: Deps,
  now: Date,
  options: { guildId?: string; limit?: number } = {},
): Promise<HandUpdate[]> {
  return deps.db.transaction(async (tx) => {
    const due = await claimDueGames(tx, {
      now,
      applicationId: applicationOf(deps),
      guildId: options.guildId,
      limit: options.limit ?? 25,
    });
    const settled: HandUpdate[] = [];
    for (const game of due) {
      const seed = await findSeed(tx, game.guildId, game.seedId);
      if (!seed) throw new Error(`seed ${game.seedId} of game ${game.id} is missing`);
      const cards = await shoeFor(seed.seed, game.userId, game.nonce);
      const stood = applyMove(handOf(game).hand, "stand", cards);
      settled.push(await settleHand(tx, game, stood, [...game.moves, "stand"], now, true));
    }
    return settled;
  });
}
