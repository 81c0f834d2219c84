import { type APIInteraction, ApplicationCommandOptionType as O } from "discord-api-types/v10";
import { ownedItems } from "../../data/economy/inventory.ts";
import { loadSettings } from "../../data/economy/settings.ts";
import { formatCoins } from "../../domain/economy/amounts.ts";
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
import { guildCommand, guildOf } from "./inputs.ts";

const PAGE_SIZE = 10;

async function inventoryPage(
  deps: Deps,
  guildId: string,
  userId: string,
  page: number,
): Promise<MessageBody> {
  const [settings, loaded] = await Promise.all([
    loadSettings(deps.db, guildId),
    loadPage(page, PAGE_SIZE, (range) => ownedItems(deps.db, guildId, userId, range)),
  ]);
  const lines = loaded.rows.map((item) => {
    const what = item.roleId ? `<@&${item.roleId}>` : `**${item.name}**`;
    const how = item.kind === "auction" ? (item.note ?? "won at auction") : "bought";
    return `${what} — ${how} for ${formatCoins(item.price, settings.currency)} ${discordTime(item.createdAt, "R")}`;
  });
  return {
    embeds: [
      embed(
        "Inventory",
        `<@${userId}>:\n${lines.join("\n") || "Nothing yet. See `/shop list` and `/auction list`."}`,
        COLORS.info,
        { footer: { text: `Page ${loaded.page + 1}/${loaded.pages} · ${loaded.total} items` } },
      ),
    ],
    components: [pagerRow("inventory", "page", loaded.page, loaded.pages, userId)],
    allowed_mentions: { parse: [] },
  };
}

function targetOf(ctx: BaseContext<APIInteraction>, userId: string | undefined): string {
  const target = userId ?? ctx.user.id;
  if (!isSnowflake(target)) throw new UserError("This button is broken.");
  return target;
}

/** `/inventory [user]`: what a member bought in the shop or won at auction. */
export const inventory = defineCommand({
  name: "inventory",
  bucket: "economy",
  definitions: [
    guildCommand({
      name: "inventory",
      description: "What you (or another member) bought or won",
      options: [{ type: O.User, name: "user", description: "Whose inventory (default: yours)" }],
    }),
  ],
  async chatInput(ctx) {
    const userId = targetOf(ctx, ctx.options.get("user", "user"));
    return ephemeral(await inventoryPage(ctx.deps, guildOf(ctx), userId, 0));
  },
  components: {
    async page(ctx) {
      const [page, userId] = ctx.args;
      const number = Number.parseInt(page ?? "0", 10);
      return updateMessage(
        await inventoryPage(ctx.deps, guildOf(ctx), targetOf(ctx, userId), number),
      );
    },
  },
});
