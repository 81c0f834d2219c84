import { loadSettings } from "../../data/economy/settings.ts";
import type { Deps } from "../../ports/index.ts";
import { editStoredMessage } from "../stored-message.ts";
import { standIdleHands } from "./blackjack.ts";
import { renderGame } from "./render.ts";

/**
 * Stands blackjack hands idle for 5 minutes (of one guild, or all), settles them, and edits
 * each hand's message with the bot token. Returns how many hands it settled.
 */
export async function settleIdleHands(deps: Deps, now: Date, guildId?: string): Promise<number> {
  const settled = await standIdleHands(deps, now, { guildId });
  for (const { game, balance } of settled) {
    const settings = await loadSettings(deps.db, game.guildId);
    await editStoredMessage(
      deps,
      { channelId: game.channelId ?? undefined, messageId: game.messageId ?? undefined },
      await renderGame(deps, game, settings.currency, balance),
    );
  }
  return settled.length;
}
