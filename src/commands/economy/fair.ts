import { ApplicationCommandOptionType as O } from "discord-api-types/v10";
import { findGame, recentGames } from "../../data/economy/games.ts";
import { findSeed } from "../../data/economy/seeds.ts";
import { formatCoins } from "../../domain/economy/amounts.ts";
import { drawMessage } from "../../domain/economy/fairness.ts";
import { currentSeed, rotateMemberSeed } from "../../economy/casino/fair-seeds.ts";
import { recomputeGame } from "../../economy/casino/verify.ts";
import {
  type ChatInputContext,
  COLORS,
  defineCommand,
  embed,
  ephemeral,
  reply,
  UserError,
} from "../../interactions/index.ts";
import { economyOf, guildCommand, guildOf } from "./inputs.ts";

const ROUNDS: Record<string, string> = {
  coinflip: "one draw",
  roulette: "one draw",
  slots: "rounds 0–2 (one per reel)",
  blackjack: "rounds 0, 1, 2, … (one per card, in dealing order)",
};

async function show(ctx: ChatInputContext) {
  const seed = await currentSeed(ctx.deps, guildOf(ctx), ctx.user.id);
  return ephemeral({
    embeds: [
      embed(
        "Your fairness seed",
        [
          `**Seed hash (SHA-256):** \`${seed.seedHash}\``,
          `**Next nonce:** ${seed.nextNonce}`,
          "Every game you play draws from HMAC-SHA256(seed, `<your id>:<nonce>`). The seed stays secret until you rotate it; then anyone can check every game played on it.",
        ].join("\n"),
        COLORS.info,
      ),
    ],
  });
}

async function rotate(ctx: ChatInputContext) {
  const { revealed, active } = await rotateMemberSeed(ctx.deps, guildOf(ctx), ctx.user.id);
  const lines = revealed
    ? [
        `**Revealed seed:** \`${revealed.seed}\``,
        `**Its hash:** \`${revealed.seedHash}\` (nonces 0–${Math.max(0, revealed.nextNonce - 1)}, ${revealed.nextNonce} game${revealed.nextNonce === 1 ? "" : "s"})`,
      ]
    : ["You had no seed yet: nothing to reveal."];
  lines.push(`**New seed hash:** \`${active.seedHash}\` (next nonce 0)`);
  lines.push("Check any game of the old seed with `/fair verify game:<id>`.");
  return reply({
    embeds: [embed("Seed rotated", lines.join("\n"), COLORS.success)],
    allowed_mentions: { parse: [] },
  });
}

async function verify(ctx: ChatInputContext) {
  const { guildId, settings } = await economyOf(ctx);
  const id = ctx.options.require("game", "integer");
  const game = id > 0 ? await findGame(ctx.deps.db, guildId, id) : null;
  if (!game) throw new UserError(`There is no game #${id} in this server.`, "Unknown game");
  const seed = await findSeed(ctx.deps.db, guildId, game.seedId);
  if (!seed) throw new Error(`seed ${game.seedId} of game ${game.id} is missing`);
  const inputs = [
    `**Game:** #${game.id} — ${game.game}, bet ${formatCoins(game.bet, settings.currency)}, by <@${game.userId}>`,
    `**User id:** \`${game.userId}\` · **nonce:** ${game.nonce} · **draws:** ${ROUNDS[game.game] ?? "?"}`,
    `**HMAC message:** \`${drawMessage(game.userId, game.nonce, game.game === "slots" || game.game === "blackjack" ? 0 : undefined)}\`${game.game === "slots" || game.game === "blackjack" ? " (then :1, :2, …)" : ""}`,
    `**Choice:** \`${JSON.stringify(game.choice)}\`${game.moves.length ? ` · **moves:** ${game.moves.join(", ")}` : ""}`,
    `**Seed hash (published):** \`${seed.seedHash}\``,
  ];
  if (game.status === "active")
    return ephemeral({
      embeds: [
        embed(
          "Game still in play",
          [...inputs, "It can be verified once it ends and its seed is rotated."].join("\n"),
          COLORS.warning,
        ),
      ],
      allowed_mentions: { parse: [] },
    });
  if (seed.state !== "revealed")
    return ephemeral({
      embeds: [
        embed(
          "Seed not revealed yet",
          [
            ...inputs,
            `The seed is still in use. Once <@${game.userId}> runs \`/fair rotate\`, it is revealed and this game can be recomputed.`,
          ].join("\n"),
          COLORS.warning,
        ),
      ],
      allowed_mentions: { parse: [] },
    });
  const check = await recomputeGame(game, seed);
  const ok = check.hashMatches && check.outcomeMatches;
  const lines = [
    ...inputs,
    `**Seed:** \`${seed.seed}\``,
    `**SHA-256(seed) = published hash:** ${check.hashMatches ? "✅ yes" : "❌ NO"}`,
    `**Recorded outcome:** \`${JSON.stringify(game.outcome)}\`, paid ${formatCoins(game.payout ?? 0n, settings.currency)}`,
    `**Recomputed:** ${check.outcomeMatches ? "✅ the same" : `❌ differs: \`${JSON.stringify(check.outcome)}\`, ${check.payout}`}`,
    `Check it yourself: \`node scripts/verify-game.mjs --seed ${seed.seed} --user ${game.userId} --nonce ${game.nonce} --game ${game.game}${verifyExtra(game)}\``,
  ];
  return ephemeral({
    embeds: [
      embed(
        ok ? "Game verified" : "Verification FAILED",
        lines.join("\n"),
        ok ? COLORS.success : COLORS.error,
      ),
    ],
    allowed_mentions: { parse: [] },
  });
}

function verifyExtra(game: {
  game: string;
  choice: unknown;
  moves: string[];
  bet: bigint;
}): string {
  const choice = game.choice as Record<string, string>;
  const parts = [` --bet ${game.bet}`];
  if (game.game === "coinflip") parts.push(` --call ${choice.call}`);
  if (game.game === "roulette") parts.push(` --pick ${choice.bet}`);
  if (game.game === "blackjack" && game.moves.length)
    parts.push(` --moves ${game.moves.join(",")}`);
  return parts.join("");
}

/** `/fair show|rotate|verify`: the provably fair seeds behind every casino game. */
export const fair = defineCommand({
  name: "fair",
  bucket: "economy",
  definitions: [
    guildCommand({
      name: "fair",
      description: "Check that casino games are fair: seed hashes, rotation, verification",
      options: [
        { type: O.Subcommand, name: "show", description: "Your current seed hash and nonce" },
        {
          type: O.Subcommand,
          name: "rotate",
          description: "Reveal your seed (so your games can be checked) and start a new one",
        },
        {
          type: O.Subcommand,
          name: "verify",
          description: "Show every input of a game and recompute it",
          options: [
            {
              type: O.Integer,
              name: "game",
              description: "The game's number (in its message's footer)",
              required: true,
              min_value: 1,
              autocomplete: true,
            },
          ],
        },
      ],
    }),
  ],
  subcommands: { show, rotate, verify },
  async autocomplete(ctx) {
    if (!ctx.guildId) return [];
    const games = await recentGames(ctx.deps.db, ctx.guildId, ctx.user.id, 25);
    return games
      .filter((g) => String(g.id).startsWith(ctx.focused.value.trim()))
      .map((g) => ({ name: `#${g.id} — ${g.game}, bet ${g.bet}`, value: g.id }));
  },
});
