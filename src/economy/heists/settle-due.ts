import { loadSettings } from "../../data/economy/settings.ts";
import type { Deps } from "../../ports/index.ts";
import { editStoredMessage } from "../stored-message.ts";
import { type HeistState, settleNextDueHeist } from "./heist.ts";
import { heistView } from "./views.ts";

const BATCH = 25;

/** Edits a settled heist's message with the result, with the bot token. */
export async function showHeistResult(deps: Deps, state: HeistState): Promise<void> {
  const settings = await loadSettings(deps.db, state.heist.guildId);
  await editStoredMessage(
    deps,
    {
      channelId: state.heist.channelId ?? undefined,
      messageId: state.heist.messageId ?? undefined,
    },
    heistView(state, settings.currency),
  );
}

/**
 * Settles heists past their join window (of one guild, or all), each in its own transaction,
 * and edits their messages. Returns how many it settled.
 */
export async function settleDueHeists(deps: Deps, now: Date, guildId?: string): Promise<number> {
  let settled = 0;
  while (settled < BATCH) {
    const state = await settleNextDueHeist(deps, now, guildId);
    if (!state) break;
    settled++;
    await showHeistResult(deps, state);
  }
  return settled;
}
