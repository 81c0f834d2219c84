import type { Deps } from "../ports/index.ts";
import { settleDueAuctions } from "./auctions/settle-due.ts";
import { settleIdleHands } from "./casino/settle-idle.ts";
import { settleDueHeists } from "./heists/settle-due.ts";

/**
 * Settles everything of a guild that came due — heists past their window, ended auctions,
 * idle blackjack hands — as the scheduled work would. Interactions run it lazily, so a guild
 * never waits on the next scheduled tick. Returns how many rows it settled.
 */
export async function settleDueInGuild(deps: Deps, now: Date, guildId: string): Promise<number> {
  const heists = await settleDueHeists(deps, now, guildId);
  const auctions = await settleDueAuctions(deps, now, guildId);
  const hands = await settleIdleHands(deps, now, guildId);
  return heists + auctions + hands;
}
