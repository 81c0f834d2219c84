import { type APIInteraction, ApplicationCommandOptionType as O } from "discord-api-types/v10";
import { accountHistory } from "../../data/economy/history.ts";
import { loadSettings } from "../../data/economy/settings.ts";
import { wallet } from "../../domain/economy/accounts.ts";
import { accountLabel, signedCoins } from "../../domain/economy/labels.ts";
import { transferLabel } from "../../domain/economy/transfers.ts";
import { truncate } from "../../domain/text.ts";
import { loadPage } from "../../economy/page.ts";
import {
  COLORS,
  defineCommand,
  embed,
  ephemeral,
  isSnowflake,
  pagerRow,
  UserError,
  updateMessage,
} from "../../interactions/index.ts";
import type { BaseContext } from "../../interactions/types.ts";
import type { Deps, MessageBody } from "../../ports/index.ts";
import { discordTime } from "./format.ts";
import { canManageGuild, guildCommand, guildOf } from "./inputs.ts";

const PAGE_SIZE = 10;

/** Your own history is yours; another member's needs Manage Server. */
function requireMayRead(ctx: BaseContext<APIInteraction>, userId: string): void {
  if (userId !== ctx.user.id && !canManageGuild(ctx))
    throw new UserError(
      "You need **Manage Server** to see another member's transactions.",
      "Missing permissions",
    );
}

async function historyPage(
  deps: Deps,
  guildId: string,
  userId: string,
  page: number,
): Promise<MessageBody> {
  const [settings, loaded] = await Promise.all([
    loadSettings(deps.db, guildId),
    loadPage(page, PAGE_SIZE, (range) => accountHistory(deps.db, guildId, wallet(userId), range)),
  ]);
  const lines = loaded.rows.map((line) => {
    const memo = line.memo ? ` — ${truncate(line.memo, 60)}` : "";
    const direction = line.delta < 0n ? "to" : "from";
    return `\`#${line.transferId}\` ${signedCoins(line.delta, settings.currency)} · ${transferLabel(line.kind)} ${direction} ${accountLabel(line.counterparty)}${memo} · ${discordTime(line.at, "R")}`;
  });
  return {
    embeds: [
      embed(
        "Transactions",
        `<@${userId}>, newest first (${settings.currency.emoji} ${settings.currency.name}):\n${lines.join("\n") || "No transactions yet."}`,
        COLORS.info,
        { footer: { text: `Page ${loaded.page + 1}/${loaded.pages} · ${loaded.total} entries` } },
      ),
    ],
    components: [pagerRow("transactions", "page", loaded.page, loaded.pages, userId)],
    allowed_mentions: { parse: [] },
  };
}

/** `/transactions [user]`: a wallet's history; another member's needs Manage Server. */
export const transactions = defineCommand({
  name: "transactions",
  bucket: "economy",
  definitions: [
    guildCommand({
      name: "transactions",
      description: "Your transaction history (another member's needs Manage Server)",
      options: [{ type: O.User, name: "user", description: "Whose history (default: yours)" }],
    }),
  ],
  async chatInput(ctx) {
    const guildId = guildOf(ctx);
    const userId = ctx.options.get("user", "user") ?? ctx.user.id;
    requireMayRead(ctx, userId);
    return ephemeral(await historyPage(ctx.deps, guildId, userId, 0));
  },
  components: {
    async page(ctx) {
      const [page, userId] = ctx.args;
      if (!userId || !isSnowflake(userId)) throw new UserError("This button is broken.");
      requireMayRead(ctx, userId);
      const number = Number.parseInt(page ?? "0", 10);
      return updateMessage(await historyPage(ctx.deps, guildOf(ctx), userId, number));
    },
  },
});
