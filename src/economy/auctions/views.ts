import type { Auction } from "../../db/schema.ts";
import { type Currency, formatCoins } from "../../domain/economy/amounts.ts";
import { minimumBid } from "../../domain/economy/auction.ts";
import { COLORS, embed } from "../../interactions/index.ts";
import type { MessageBody } from "../../ports/index.ts";

const when = (at: Date, style = "R") => `<t:${Math.floor(at.getTime() / 1000)}:${style}>`;

/** One line of `/auction list`. */
export function auctionLine(auction: Auction, currency: Currency): string {
  const price =
    auction.highBid === null
      ? `starts at ${formatCoins(auction.startingBid, currency)}`
      : `${formatCoins(auction.highBid, currency)} by <@${auction.highBidderId}>`;
  return `**#${auction.id}** ${auction.item} — ${price} · ends ${when(auction.endsAt)}`;
}

/** The auction message: open (current bid, next minimum, end) or how it ended. */
export function auctionView(
  auction: Auction,
  currency: Currency,
  bids: { bidderId: string; amount: bigint }[] = [],
): MessageBody {
  const c = (amount: bigint) => formatCoins(amount, currency);
  const lines = [`**Seller:** <@${auction.sellerId}>`];
  let title = `Auction #${auction.id}: ${auction.item}`;
  let color = COLORS.info;
  if (auction.state === "open") {
    lines.push(
      auction.highBid === null
        ? `**Starting bid:** ${c(auction.startingBid)} — no bids yet`
        : `**Highest bid:** ${c(auction.highBid)} by <@${auction.highBidderId}> (${auction.bidCount} bid${auction.bidCount === 1 ? "" : "s"})`,
      `**Next bid:** at least ${c(minimumBid(auction.startingBid, auction.highBid))} — \`/auction bid id:${auction.id}\``,
      `**Ends:** ${when(auction.endsAt)} (${when(auction.endsAt, "f")}); a bid in the last 30 s adds 30 s.`,
    );
  } else if (auction.state === "cancelled") {
    title += " — cancelled";
    color = COLORS.warning;
    lines.push("The seller cancelled it before any bid.");
  } else if (auction.highBid !== null) {
    title += " — sold";
    color = COLORS.success;
    lines.push(
      `**Sold to** <@${auction.highBidderId}> for ${c(auction.highBid)}; the coins went to the seller.`,
    );
  } else {
    title += " — closed";
    lines.push("It ended without a bid.");
  }
  if (bids.length)
    lines.push(`**Latest bids:** ${bids.map((b) => `<@${b.bidderId}> ${c(b.amount)}`).join(", ")}`);
  return {
    embeds: [embed(title, lines.join("\n"), color)],
    allowed_mentions: { parse: [] },
  };
}
