import { setGameMessage } from "../../data/economy/games.ts";
import type { Move } from "../../domain/economy/blackjack.ts";
import { moveBlackjack, startBlackjack } from "../../economy/casino/blackjack.ts";
import { renderGame } from "../../economy/casino/render.ts";
import { blackjackView } from "../../economy/casino/views.ts";
import { withFunds } from "../../economy/funds.ts";
import { rememberReplyMessage } from "../../economy/stored-message.ts";
import {
  type ComponentContext,
  defineCommand,
  reply,
  UserError,
  updateMessage,
} from "../../interactions/index.ts";
import { amountOption, economyOf, guildCommand, readBet } from "./inputs.ts";
import { replayedReply } from "./replayed.ts";

function press(move: Move) {
  return async (ctx: ComponentContext) => {
    const { guildId, settings } = await economyOf(ctx);
    const gameId = Number(ctx.args[0]);
    if (!Number.isSafeInteger(gameId) || gameId <= 0) throw new UserError("This button is broken.");
    const outcome = await withFunds(settings.currency, ctx.user.id, () =>
      moveBlackjack(ctx.deps, {
        guildId,
        gameId,
        userId: ctx.user.id,
        move,
        key: `${ctx.interaction.id}:${move}`,
      }),
    );
    if (outcome.kind === "moved")
      return updateMessage(
        await renderGame(ctx.deps, outcome.update.game, settings.currency, outcome.update.balance),
      );
    return updateMessage(await renderGame(ctx.deps, outcome.game, settings.currency));
  };
}

/** `/blackjack amount`: a hand against the dealer, played with Hit, Stand and Double. */
export const blackjack = defineCommand({
  name: "blackjack",
  bucket: "economy",
  definitions: [
    guildCommand({
      name: "blackjack",
      description: "Play a hand of blackjack against the dealer (provably fair)",
      options: [amountOption("Your bet")],
    }),
  ],
  async chatInput(ctx) {
    const { guildId, settings } = await economyOf(ctx);
    const bet = readBet(ctx, settings);
    const result = await withFunds(settings.currency, ctx.user.id, () =>
      startBlackjack(ctx.deps, { guildId, userId: ctx.user.id, bet, key: ctx.interaction.id }),
    );
    if (result.status === "replayed") return replayedReply();
    if (result.game.status === "active")
      rememberReplyMessage(ctx.deps, ctx.interaction.token, (where) =>
        setGameMessage(ctx.deps.db, result.game.id, where),
      );
    return reply(blackjackView(result.game, result.seedHash, settings.currency, result.balance));
  },
  components: { hit: press("hit"), stand: press("stand"), double: press("double") },
});
