import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { economyGames, economySeeds, type GameRow } from "../../src/db/schema.ts";
import { buttonIds, textOf } from "../moderation/helpers.ts";
import { startBot, type TestBot } from "../support/bot.ts";
import { gameOf, handInPlay, plantSeed } from "./casino-helpers.ts";
import { fund, isEphemeral, pressAs, run, seedEconomy } from "./helpers.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(() => bot?.close());

const db = () => bot.node.database.db;
const SCRIPT = fileURLToPath(new URL("../../scripts/verify-game.mjs", import.meta.url));

/** Runs the independent verifier on a recorded game, as a player would. */
async function verifyWithScript(game: GameRow, seed: string, hash: string) {
  const choice = game.choice as Record<string, string>;
  const args = [
    SCRIPT,
    ...["--seed", seed, "--user", game.userId, "--nonce", String(game.nonce)],
    ...["--game", game.game, "--bet", String(game.bet), "--hash", hash, "--json"],
    ...(choice.call ? ["--call", choice.call] : []),
    ...(choice.bet ? ["--pick", choice.bet] : []),
    ...(game.moves.length ? ["--moves", game.moves.join(",")] : []),
  ];
  const { stdout } = await promisify(execFile)(process.execPath, args);
  return JSON.parse(stdout) as {
    hashOk: boolean;
    outcome: Record<string, unknown>;
    payout: string;
  };
}

describe("/fair", () => {
  it("recomputes every recorded game from the revealed seed, in the bot and in the script", async () => {
    const scene = seedEconomy(bot);
    const [player, checker] = scene.members as [string, string];
    await fund(bot, scene, [player], 10_000n);
    await plantSeed(
      bot,
      scene,
      player,
      handInPlay(player, () => true),
    );

    // The blackjack hand first: it takes nonce 0, the hand the planted seed keeps in play.
    const dealt = await run(bot, scene, player, "blackjack", { amount: 100 });
    const stand = buttonIds((dealt.body as unknown as { data: never }).data)[1] as string;
    const rotateTooEarly = await run(bot, scene, player, "fair", {}, { sub: "rotate" });
    expect(textOf(rotateTooEarly)).toContain("Finish your blackjack hand first");
    await pressAs(bot, scene, player, stand);
    const played = [
      await gameOf(bot, dealt),
      await gameOf(bot, await run(bot, scene, player, "coinflip", { amount: 100, side: "tails" })),
      await gameOf(bot, await run(bot, scene, player, "slots", { amount: 100 })),
      await gameOf(bot, await run(bot, scene, player, "roulette", { amount: 100, bet: "17" })),
    ];
    expect(played.map((g) => g.nonce)).toEqual([0, 1, 2, 3]);

    const shown = await run(bot, scene, player, "fair", {}, { sub: "show" });
    const [active] = await db()
      .select()
      .from(economySeeds)
      .where(and(eq(economySeeds.guildId, scene.guildId), eq(economySeeds.userId, player)));
    expect(textOf(shown)).toContain(`**Seed hash (SHA-256):** \`${active?.seedHash}\``);
    expect(textOf(shown)).toContain("**Next nonce:** 4");

    const hidden = await run(
      bot,
      scene,
      checker,
      "fair",
      { game: played[1]?.id ?? 0 },
      { sub: "verify" },
    );
    expect(textOf(hidden)).toContain("Seed not revealed yet");
    expect(textOf(hidden)).not.toContain(active?.seed as string);

    const rotated = await run(bot, scene, player, "fair", {}, { sub: "rotate" });
    const seed = /\*\*Revealed seed:\*\* `([0-9a-f]{64})`/.exec(textOf(rotated))?.[1] as string;
    expect(seed).toBe(active?.seed);
    const hash = createHash("sha256").update(seed).digest("hex");
    expect(hash).toBe(active?.seedHash);
    expect(textOf(rotated)).toContain("4 games");

    for (const game of played) {
      const verified = await run(bot, scene, checker, "fair", { game: game.id }, { sub: "verify" });
      expect(textOf(verified)).toContain("Game verified");
      expect(textOf(verified)).toContain("✅ the same");
      const script = await verifyWithScript(game, seed, hash);
      expect(script.hashOk).toBe(true);
      expect(script.payout).toBe(String(game.payout));
      const recorded = game.outcome as Record<string, unknown>;
      if (game.game === "blackjack") {
        const hand = recorded.hand as Record<string, unknown>;
        expect([script.outcome.player, script.outcome.dealer]).toEqual([hand.player, hand.dealer]);
      } else {
        for (const [key, value] of Object.entries(recorded))
          expect(script.outcome[key], `${game.game} ${key}`).toEqual(value);
      }
    }
  }, 60_000);

  it("catches a recorded outcome that was changed after the fact", async () => {
    const scene = seedEconomy(bot);
    const [player] = scene.members as [string];
    await fund(bot, scene, [player], 1000n);
    const game = await gameOf(bot, await run(bot, scene, player, "slots", { amount: 10 }));
    await run(bot, scene, player, "fair", {}, { sub: "rotate" });
    await db()
      .update(economyGames)
      .set({
        outcome: { values: [14, 14, 14], symbols: ["seven", "seven", "seven"], multiplier: 250 },
      })
      .where(eq(economyGames.id, game.id));
    const verified = await run(bot, scene, player, "fair", { game: game.id }, { sub: "verify" });
    expect(textOf(verified)).toContain("Verification FAILED");
  });

  it("answers an unknown game id clearly", async () => {
    const scene = seedEconomy(bot);
    const answer = await run(
      bot,
      scene,
      scene.members[0] as string,
      "fair",
      { game: 999_999_999 },
      { sub: "verify" },
    );
    expect(isEphemeral(answer)).toBe(true);
    expect(textOf(answer)).toContain("There is no game #999999999 in this server");
  });
});
