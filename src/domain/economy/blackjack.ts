/**
 * Blackjack as Chopsticks deals it (docs/fairness.md): cards come from an infinite deck —
 * card r is round r's value mod 52 — in the order they are dealt: player, dealer (up),
 * player, dealer (hole), then each further card as it is taken. The dealer peeks: a dealer
 * blackjack ends the hand at once. Dealer stands on all 17s. Blackjack pays 3:2 (rounded
 * down), a win 1:1. Double on the first two cards takes exactly one more card. No split.
 */

/** A card: 0–51. Rank is card mod 13 (0 ace … 12 king); suit is card ÷ 13. */
export type Card = number;
export const CARD_RANGE = 52;
/** Every card a hand could ever need is among the first this many rounds. */
export const MAX_ROUNDS = 64;

const RANKS = ["A", "2", "3", "4", "5", "6", "7", "8", "9", "10", "J", "Q", "K"];
const SUITS = ["♠", "♥", "♦", "♣"];

/** "A♠", "10♥", "K♦". */
export function cardLabel(card: Card): string {
  return `${RANKS[card % 13]}${SUITS[Math.floor(card / 13) % 4]}`;
}

/** Points of a card: ace 1 (or 11, see {@link handValue}), faces 10. */
export function cardPoints(card: Card): number {
  return Math.min(10, (card % 13) + 1);
}

/** A hand's best total: one ace counts 11 when that does not bust it ("soft"). */
export function handValue(cards: readonly Card[]): { total: number; soft: boolean } {
  const hard = cards.reduce((sum, card) => sum + cardPoints(card), 0);
  const hasAce = cards.some((card) => card % 13 === 0);
  return hasAce && hard + 10 <= 21
    ? { total: hard + 10, soft: true }
    : { total: hard, soft: false };
}

export function isBlackjack(cards: readonly Card[]): boolean {
  return cards.length === 2 && handValue(cards).total === 21;
}

/** A hand in play or finished; `next` is the round of the next card to deal. */
export interface BlackjackHand {
  player: Card[];
  dealer: Card[];
  next: number;
  doubled: boolean;
  phase: "player" | "done";
}

export type Move = "hit" | "stand" | "double";

function draw(cards: readonly Card[], round: number): Card {
  const card = cards[round];
  if (card === undefined) throw new Error(`blackjack needed round ${round}, beyond the shoe`);
  return card;
}

/** The dealer's rule: draw below 17, stand on every 17 (soft ones too). */
export function dealerDraws(dealer: readonly Card[]): boolean {
  return handValue(dealer).total < 17;
}

function finish(hand: BlackjackHand, cards: readonly Card[]): BlackjackHand {
  const done: BlackjackHand = { ...hand, dealer: [...hand.dealer], phase: "done" };
  // A busted player has lost: the dealer does not draw.
  if (handValue(done.player).total > 21) return done;
  while (dealerDraws(done.dealer)) done.dealer.push(draw(cards, done.next++));
  return done;
}

/** Deals rounds 0–3; a blackjack on either side ends the hand at once (the dealer peeks). */
export function deal(cards: readonly Card[]): BlackjackHand {
  const hand: BlackjackHand = {
    player: [draw(cards, 0), draw(cards, 2)],
    dealer: [draw(cards, 1), draw(cards, 3)],
    next: 4,
    doubled: false,
    phase: "player",
  };
  if (isBlackjack(hand.player) || isBlackjack(hand.dealer)) return { ...hand, phase: "done" };
  return hand;
}

/** Whether `move` is allowed now. */
export function canMove(hand: BlackjackHand, move: Move): boolean {
  if (hand.phase !== "player") return false;
  return move !== "double" || (hand.player.length === 2 && !hand.doubled);
}

/**
 * Applies the player's move. Reaching 21 stands at once (no card can improve it); a bust
 * ends the hand; a double takes one card and stands.
 */
export function applyMove(hand: BlackjackHand, move: Move, cards: readonly Card[]): BlackjackHand {
  if (!canMove(hand, move)) throw new Error(`move ${move} is not allowed now`);
  if (move === "stand") return finish(hand, cards);
  const next: BlackjackHand = {
    ...hand,
    player: [...hand.player, draw(cards, hand.next)],
    next: hand.next + 1,
    doubled: move === "double",
  };
  const { total } = handValue(next.player);
  if (move === "double" || total >= 21) return finish(next, cards);
  return next;
}

/** Deals and replays the moves: how a recorded hand is recomputed from its seed. */
export function replayHand(cards: readonly Card[], moves: readonly Move[]): BlackjackHand {
  let hand = deal(cards);
  for (const move of moves) hand = applyMove(hand, move, cards);
  return hand;
}

export type BlackjackResult = "blackjack" | "win" | "push" | "lose" | "bust" | "dealer_blackjack";

/** How a finished hand ended for the player. */
export function blackjackResult(hand: BlackjackHand): BlackjackResult {
  const playerBj = isBlackjack(hand.player);
  const dealerBj = isBlackjack(hand.dealer);
  if (playerBj && dealerBj) return "push";
  if (playerBj) return "blackjack";
  if (dealerBj) return "dealer_blackjack";
  const player = handValue(hand.player).total;
  if (player > 21) return "bust";
  const dealer = handValue(hand.dealer).total;
  if (dealer > 21 || player > dealer) return "win";
  return player === dealer ? "push" : "lose";
}

/** What a finished hand returns (stake included): 3:2 on blackjack, 1:1 on a win. */
export function blackjackPayout(bet: bigint, hand: BlackjackHand): bigint {
  const stake = hand.doubled ? bet * 2n : bet;
  switch (blackjackResult(hand)) {
    case "blackjack":
      return bet + (bet * 3n) / 2n;
    case "win":
      return stake * 2n;
    case "push":
      return stake;
    default:
      return 0n;
  }
}
