import { ApplicationCommandOptionType as O } from "discord-api-types/v10";
import {
  findAuction,
  latestBids,
  openAuctions,
  setAuctionMessage,
} from "../../data/economy/auctions.ts";
import { loadSettings } from "../../data/economy/settings.ts";
import { formatDuration, parseDuration } from "../../domain/duration.ts";
import { formatCoins } from "../../domain/economy/amounts.ts";
import { durationProblem, ITEM_MAX } from "../../domain/economy/auction.ts";
import { cancelAuction, createAuction, placeBid } from "../../economy/auctions/auction.ts";
import { settleDueAuctions, showAuction } from "../../economy/auctions/settle-due.ts";
import { auctionLine, auctionView } from "../../economy/auctions/views.ts";
import { withFunds } from "../../economy/funds.ts";
import { loadPage } from "../../economy/page.ts";
import { rememberReplyMessage } from "../../economy/stored-message.ts";
import {
  type ChatInputContext,
  COLORS,
  defineCommand,
  embed,
  ephemeral,
  pagerRow,
  reply,
  UserError,
  updateMessage,
} from "../../interactions/index.ts";
import type { Deps, MessageBody } from "../../ports/index.ts";
import { amountOption, economyOf, guildCommand, guildOf, readAmount } from "./inputs.ts";
import { replayedReply } from "./replayed.ts";

const PAGE_SIZE = 10;

/** Auctions past their end are settled before anything reads them (lazily, on read). */
function settleOverdue(deps: Deps, guildId: string): Promise<number> {
  return settleDueAuctions(deps, new Date(deps.clock.now()), guildId);
}

function readId(ctx: ChatInputContext): number {
  const id = ctx.options.require("id", "integer");
  if (id <= 0) throw new UserError(`There is no auction #${id} here.`, "Unknown auction");
  return id;
}

async function create(ctx: ChatInputContext) {
  const { guildId, settings } = await economyOf(ctx);
  const item = ctx.options.require("item", "string").trim();
  if (!item || item.length > ITEM_MAX)
    throw new UserError(`Describe the item in 1 to ${ITEM_MAX} characters.`, "Invalid item");
  const startingBid = readAmount(ctx, "starting_bid", "The starting bid");
  const typed = ctx.options.require("duration", "string");
  const duration = parseDuration(typed);
  if (duration === null || duration === "permanent")
    throw new UserError(
      `\`${typed}\` is not a duration. Use forms like \`30m\`, \`2h\`, \`1d12h\` (1 minute to 7 days).`,
      "Invalid duration",
    );
  const problem = durationProblem(duration.seconds);
  if (problem) throw new UserError(problem, "Invalid duration");
  const result = await createAuction(ctx.deps, {
    guildId,
    sellerId: ctx.user.id,
    item,
    startingBid,
    durationSeconds: duration.seconds,
    key: ctx.interaction.id,
  });
  if (result.status === "replayed") return replayedReply();
  rememberReplyMessage(ctx.deps, ctx.interaction.token, (where) =>
    setAuctionMessage(ctx.deps.db, result.auction.id, where),
  );
  const body = auctionView(result.auction, settings.currency);
  return reply({
    ...body,
    content: `<@${ctx.user.id}> is auctioning **${item}** for ${formatDuration(duration.seconds)}.`,
  });
}

async function bid(ctx: ChatInputContext) {
  const { guildId, settings } = await economyOf(ctx);
  const auctionId = readId(ctx);
  const amount = readAmount(ctx, "amount", "The bid");
  await settleOverdue(ctx.deps, guildId);
  const result = await withFunds(settings.currency, ctx.user.id, () =>
    placeBid(ctx.deps, {
      guildId,
      auctionId,
      bidderId: ctx.user.id,
      amount,
      key: ctx.interaction.id,
      currency: settings.currency,
    }),
  );
  if (result.status === "replayed") return replayedReply();
  const { auction, outbid, extended } = result;
  ctx.deps.background.run("economy.auction_message", () => showAuction(ctx.deps, auction));
  const c = (n: bigint) => formatCoins(n, settings.currency);
  const lines = [
    `<@${ctx.user.id}> bids ${c(amount)} on **${auction.item}** (auction #${auction.id}).`,
    outbid
      ? outbid.userId === ctx.user.id
        ? `Your previous bid of ${c(outbid.amount)} came back to you.`
        : `<@${outbid.userId}> was outbid: their ${c(outbid.amount)} went back to them.`
      : "The first bid.",
    extended
      ? `A late bid: the auction now ends <t:${Math.floor(auction.endsAt.getTime() / 1000)}:R>.`
      : `Ends <t:${Math.floor(auction.endsAt.getTime() / 1000)}:R>.`,
    `Your balance: ${c(result.balance)}.`,
  ];
  return reply({
    embeds: [embed("Bid placed", lines.join("\n"), COLORS.success)],
    allowed_mentions: { users: outbid && outbid.userId !== ctx.user.id ? [outbid.userId] : [] },
  });
}

async function listPage(deps: Deps, guildId: string, page: number): Promise<MessageBody> {
  const now = new Date(deps.clock.now());
  const [settings, loaded] = await Promise.all([
    loadSettings(deps.db, guildId),
    loadPage(page, PAGE_SIZE, (range) => openAuctions(deps.db, guildId, now, range)),
  ]);
  const lines = loaded.rows.map((a) => auctionLine(a, settings.currency));
  return {
    embeds: [
      embed(
        "Open auctions",
        lines.join("\n") || "No auction is open. Start one with `/auction create`.",
        COLORS.info,
        { footer: { text: `Page ${loaded.page + 1}/${loaded.pages} · ${loaded.total} open` } },
      ),
    ],
    components: [pagerRow("auction", "page", loaded.page, loaded.pages)],
    allowed_mentions: { parse: [] },
  };
}

async function list(ctx: ChatInputContext) {
  const guildId = guildOf(ctx);
  await settleOverdue(ctx.deps, guildId);
  return ephemeral(await listPage(ctx.deps, guildId, 0));
}

async function view(ctx: ChatInputContext) {
  const { guildId, settings } = await economyOf(ctx);
  const id = readId(ctx);
  await settleOverdue(ctx.deps, guildId);
  const auction = await findAuction(ctx.deps.db, guildId, id);
  if (!auction) throw new UserError(`There is no auction #${id} here.`, "Unknown auction");
  const bids = await latestBids(ctx.deps.db, auction.id, 5);
  return ephemeral(auctionView(auction, settings.currency, bids));
}

async function cancel(ctx: ChatInputContext) {
  const { guildId, settings } = await economyOf(ctx);
  const id = readId(ctx);
  await settleOverdue(ctx.deps, guildId);
  const auction = await cancelAuction(ctx.deps, { guildId, auctionId: id, userId: ctx.user.id });
  ctx.deps.background.run("economy.auction_message", () => showAuction(ctx.deps, auction));
  return reply(auctionView(auction, settings.currency));
}

const idOption = {
  type: O.Integer,
  name: "id",
  description: "The auction's number",
  required: true,
  min_value: 1,
} as const;

/** `/auction create|bid|list|view|cancel`: sell things for coins, bids held in escrow. */
export const auction = defineCommand({
  name: "auction",
  bucket: "economy",
  definitions: [
    guildCommand({
      name: "auction",
      description: "Auctions: bids are held in escrow until the end",
      options: [
        {
          type: O.Subcommand,
          name: "create",
          description: "Auction something",
          options: [
            {
              type: O.String,
              name: "item",
              description: "What you are selling",
              required: true,
              max_length: ITEM_MAX,
            },
            amountOption("The lowest first bid", "starting_bid"),
            {
              type: O.String,
              name: "duration",
              description: "How long it runs: 1m to 7d (e.g. 30m, 2h, 1d)",
              required: true,
              max_length: 20,
            },
          ],
        },
        {
          type: O.Subcommand,
          name: "bid",
          description: "Bid on an auction (5 % over the current bid at least)",
          options: [idOption, amountOption("Your bid")],
        },
        { type: O.Subcommand, name: "list", description: "Open auctions" },
        {
          type: O.Subcommand,
          name: "view",
          description: "One auction and its latest bids",
          options: [idOption],
        },
        {
          type: O.Subcommand,
          name: "cancel",
          description: "Cancel your auction (only before the first bid)",
          options: [idOption],
        },
      ],
    }),
  ],
  subcommands: { create, bid, list, view, cancel },
  components: {
    async page(ctx) {
      const page = Number.parseInt(ctx.args[0] ?? "0", 10);
      return updateMessage(await listPage(ctx.deps, guildOf(ctx), page));
    },
  },
});
