import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  ButtonStyle,
  ComponentType,
} from "discord-api-types/v10";
import type { GameRow } from "../../db/schema.ts";
import { type Currency, formatCoins } from "../../domain/economy/amounts.ts";
import {
  type BlackjackHand,
  type BlackjackResult,
  canMove,
  cardLabel,
  handValue,
} from "../../domain/economy/blackjack.ts";
import { type SlotSymbol, SYMBOL_EMOJI } from "../../domain/economy/slots.ts";
import { COLORS, customId, embed } from "../../interactions/index.ts";
import type { MessageBody } from "../../ports/index.ts";
import { type HandRecord, handOf } from "./blackjack.ts";

/** Where a game's fairness inputs are shown: on every game message. */
export function fairnessFooter(game: GameRow, seedHash: string): string {
  return `Game #${game.id} · nonce ${game.nonce} · seed hash ${seedHash.slice(0, 16)}… · /fair verify game:${game.id}`;
}

function resultLine(game: GameRow, currency: Currency, balance: bigint): string {
  const payout = game.payout ?? 0n;
  const net = payout - game.stake;
  const verdict =
    payout === 0n
      ? `Lost ${formatCoins(game.stake, currency)}.`
      : net > 0n
        ? `Won ${formatCoins(net, currency)} (paid ${formatCoins(payout, currency)}).`
        : net === 0n
          ? `Stake returned: ${formatCoins(payout, currency)}.`
          : `Paid ${formatCoins(payout, currency)} back.`;
  return `${verdict}\nBalance: ${formatCoins(balance, currency)}.`;
}

function colorOf(game: GameRow): number {
  const payout = game.payout ?? 0n;
  return payout > game.stake ? COLORS.success : payout === game.stake ? COLORS.info : COLORS.error;
}

/** The message of a finished coinflip, slots or roulette game. */
export function instantGameView(
  game: GameRow,
  seedHash: string,
  currency: Currency,
  balance: bigint,
): MessageBody {
  const outcome = game.outcome as Record<string, unknown>;
  const choice = game.choice as Record<string, string>;
  let title: string;
  let what: string;
  switch (game.game) {
    case "coinflip": {
      const result = outcome.result as string;
      title = "Coinflip";
      what =
        result === "edge"
          ? `<@${game.userId}> called **${choice.call}**… the coin landed on its **edge**!`
          : `<@${game.userId}> called **${choice.call}**; it came up **${result}**.`;
      break;
    }
    case "slots": {
      const symbols = outcome.symbols as SlotSymbol[];
      title = "Slots";
      what = `[ ${symbols.map((s) => SYMBOL_EMOJI[s]).join(" | ")} ]${Number(outcome.multiplier) > 0 ? `  ×${outcome.multiplier}` : ""}`;
      break;
    }
    default: {
      const color = outcome.color === "red" ? "🔴" : outcome.color === "black" ? "⚫" : "🟢";
      title = "Roulette";
      what = `<@${game.userId}> bet on **${choice.bet}**; the ball landed on ${color} **${outcome.pocket}**.`;
    }
  }
  return {
    embeds: [
      embed(title, `${what}\n${resultLine(game, currency, balance)}`, colorOf(game), {
        footer: { text: fairnessFooter(game, seedHash) },
      }),
    ],
    allowed_mentions: { parse: [] },
  };
}

const RESULT_TEXT: Record<BlackjackResult, string> = {
  blackjack: "Blackjack! Paid 3:2.",
  win: "You win.",
  push: "Push: your stake comes back.",
  lose: "The dealer wins.",
  bust: "Bust.",
  dealer_blackjack: "The dealer has blackjack.",
};

function cards(list: readonly number[]): string {
  return list.map(cardLabel).join(" ");
}

function handLines(hand: BlackjackHand, revealDealer: boolean): string {
  const player = handValue(hand.player);
  const dealerLine = revealDealer
    ? `${cards(hand.dealer)} (${handValue(hand.dealer).total})`
    : `${cardLabel(hand.dealer[0] ?? 0)} 🂠`;
  return `**Your hand:** ${cards(hand.player)} (${player.soft ? "soft " : ""}${player.total})\n**Dealer:** ${dealerLine}`;
}

/** The buttons of a hand in play (Double only while it is allowed). */
function handButtons(
  game: GameRow,
  hand: BlackjackHand,
): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
  const button = (
    label: string,
    action: "hit" | "stand" | "double",
    style: ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success,
  ): APIButtonComponentWithCustomId => ({
    type: ComponentType.Button,
    style,
    label,
    custom_id: customId("blackjack", action, game.id),
    disabled: !canMove(hand, action),
  });
  return [
    {
      type: ComponentType.ActionRow,
      components: [
        button("Hit", "hit", ButtonStyle.Primary),
        button("Stand", "stand", ButtonStyle.Secondary),
        button("Double", "double", ButtonStyle.Success),
      ],
    },
  ];
}

/** The message of a blackjack hand, in play (with its buttons) or finished. */
export function blackjackView(
  game: GameRow,
  seedHash: string,
  currency: Currency,
  balance: bigint,
): MessageBody {
  const record: HandRecord = handOf(game);
  const over = game.status !== "active";
  const stake = formatCoins(game.stake, currency);
  const heading = `<@${game.userId}> plays for ${stake}${record.hand.doubled ? " (doubled)" : ""}.`;
  const body = over
    ? `${heading}\n${handLines(record.hand, true)}\n${record.auto ? "Stood automatically after 5 minutes without a move.\n" : ""}**${RESULT_TEXT[record.result ?? "lose"]}** ${resultLine(game, currency, balance)}`
    : `${heading}\n${handLines(record.hand, false)}\nHit, Stand or Double. The hand stands by itself <t:${Math.floor((game.dueAt?.getTime() ?? 0) / 1000)}:R>.`;
  return {
    embeds: [
      embed("Blackjack", body, over ? colorOf(game) : COLORS.info, {
        footer: { text: fairnessFooter(game, seedHash) },
      }),
    ],
    components: over ? [] : handButtons(game, record.hand),
    allowed_mentions: { parse: [] },
  };
}
