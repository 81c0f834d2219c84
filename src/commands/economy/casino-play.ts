import type { Choice, InstantGameName } from "../../economy/casino/instant-games.ts";
import { playInstant } from "../../economy/casino/play-instant.ts";
import { instantGameView } from "../../economy/casino/views.ts";
import { withFunds } from "../../economy/funds.ts";
import { type ChatInputContext, reply } from "../../interactions/index.ts";
import { economyOf, readBet } from "./inputs.ts";
import { replayedReply } from "./replayed.ts";

/** The handler every instant game shares: read the bet, play, show the outcome. */
export function instantGameHandler(
  game: InstantGameName,
  readChoice: (ctx: ChatInputContext) => Choice,
) {
  return async (ctx: ChatInputContext) => {
    const { guildId, settings } = await economyOf(ctx);
    const bet = readBet(ctx, settings);
    const choice = readChoice(ctx);
    const result = await withFunds(settings.currency, ctx.user.id, () =>
      playInstant(ctx.deps, {
        game,
        guildId,
        userId: ctx.user.id,
        bet,
        choice,
        key: ctx.interaction.id,
      }),
    );
    if (result.status === "replayed") return replayedReply();
    return reply(instantGameView(result.game, result.seedHash, settings.currency, result.balance));
  };
}
