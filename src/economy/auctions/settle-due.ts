import { loadSettings } from "../../data/economy/settings.ts";
import type { Auction } from "../../db/schema.ts";
import type { Deps } from "../../ports/index.ts";
import { editStoredMessage } from "../stored-message.ts";
import { settleNextDueAuction } from "./auction.ts";
import { auctionView } from "./views.ts";

const BATCH = 25;

/** Edits an auction's message with the bot token (its interaction token is long dead). */
export async function showAuction(deps: Deps, auction: Auction): Promise<void> {
  const settings = await loadSettings(deps.db, auction.guildId);
  await editStoredMessage(
    deps,
    { channelId: auction.channelId ?? undefined, messageId: auction.messageId ?? undefined },
    auctionView(auction, settings.currency),
  );
}

/**
 * Settles auctions that have ended (of one guild, or all), each in its own transaction, and
 * edits their messages. Returns how many it settled.
 */
export async function settleDueAuctions(deps: Deps, now: Date, guildId?: string): Promise<number> {
  let settled = 0;
  while (settled < BATCH) {
    const auction = await settleNextDueAuction(deps, now, guildId);
    if (!auction) break;
    settled++;
    await showAuction(deps, auction);
  }
  return settled;
}
