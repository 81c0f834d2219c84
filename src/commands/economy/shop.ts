import { ApplicationCommandOptionType as O } from "discord-api-types/v10";
import { loadSettings } from "../../data/economy/settings.ts";
import { insertItem, itemNames, itemsOnSale, removeItem } from "../../data/economy/shop.ts";
import type { ShopItem } from "../../db/schema.ts";
import { type Currency, formatCoins } from "../../domain/economy/amounts.ts";
import { truncate } from "../../domain/text.ts";
import { withFunds } from "../../economy/funds.ts";
import { loadPage } from "../../economy/page.ts";
import { buyItem } from "../../economy/shop/buy.ts";
import { roleGrantProblem } from "../../economy/shop/role-check.ts";
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
import {
  amountOption,
  economyOf,
  guildCommand,
  guildOf,
  readAmount,
  requireManageGuild,
} from "./inputs.ts";
import { replayedReply } from "./replayed.ts";

const PAGE_SIZE = 10;
const NAME_MAX = 50;
const DESCRIPTION_MAX = 200;
const COUNT_MAX = 1_000_000;

function itemLine(item: ShopItem, currency: Currency): string {
  const extras = [
    item.roleId ? `role <@&${item.roleId}>` : "item",
    item.stock !== null ? `${item.stock} left` : null,
    item.perMemberLimit !== null ? `at most ${item.perMemberLimit} each` : null,
  ].filter(Boolean);
  const description = item.description ? `\n  ${truncate(item.description, 120)}` : "";
  return `**${item.name}** — ${formatCoins(item.price, currency)} · ${extras.join(" · ")}${description}`;
}

async function shopPage(deps: Deps, guildId: string, page: number): Promise<MessageBody> {
  const [settings, loaded] = await Promise.all([
    loadSettings(deps.db, guildId),
    loadPage(page, PAGE_SIZE, (range) => itemsOnSale(deps.db, guildId, range)),
  ]);
  return {
    embeds: [
      embed(
        "Shop",
        loaded.rows.map((item) => itemLine(item, settings.currency)).join("\n") ||
          "The shop is empty. Staff add items with `/shop add`.",
        COLORS.info,
        { footer: { text: `Page ${loaded.page + 1}/${loaded.pages} · buy with /shop buy` } },
      ),
    ],
    components: [pagerRow("shop", "page", loaded.page, loaded.pages)],
    allowed_mentions: { parse: [] },
  };
}

function readCount(ctx: ChatInputContext, name: string): number | null {
  const value = ctx.options.get(name, "integer");
  if (value === undefined) return null;
  if (value < 1 || value > COUNT_MAX)
    throw new UserError(`\`${name}\` must be between 1 and ${COUNT_MAX}.`, "Invalid item");
  return value;
}

async function add(ctx: ChatInputContext) {
  requireManageGuild(ctx);
  const { guildId, settings } = await economyOf(ctx);
  const name = ctx.options.require("name", "string").trim();
  if (!name || name.length > NAME_MAX || /[`*_~|@<>]/.test(name))
    throw new UserError(
      `Name the item in 1 to ${NAME_MAX} characters, without formatting or mentions.`,
      "Invalid item",
    );
  const price = readAmount(ctx, "price", "The price");
  const roleId = ctx.options.get("role", "role") ?? null;
  if (roleId !== null) {
    const role = ctx.interaction.data.resolved?.roles?.[roleId];
    if (roleId === guildId) throw new UserError("@everyone cannot be sold.", "Invalid item");
    if (role?.managed)
      throw new UserError(
        "That role is managed by an integration (a bot or boosts); nobody can give it.",
        "Invalid item",
      );
  }
  const description = ctx.options.get("description", "string")?.trim().slice(0, DESCRIPTION_MAX);
  const item = await insertItem(ctx.deps.db, {
    guildId,
    name,
    description: description || null,
    price,
    kind: roleId ? "role" : "text",
    roleId,
    stock: readCount(ctx, "stock"),
    perMemberLimit: readCount(ctx, "limit"),
    createdBy: ctx.user.id,
    createdAt: new Date(ctx.deps.clock.now()),
  });
  if (!item) throw new UserError(`The shop already sells an item called “${name}”.`, "Name taken");
  const problem = roleId
    ? await roleGrantProblem(ctx.deps, guildId, ctx.interaction.application_id, roleId)
    : null;
  const roleNote = roleId
    ? problem
      ? `\n⚠️ ${problem}: purchases are refunded until that changes.`
      : "\nChopsticks' highest role must stay above this role, or purchases are refunded."
    : "";
  return ephemeral({
    embeds: [
      embed("Added to the shop", `${itemLine(item, settings.currency)}${roleNote}`, COLORS.success),
    ],
    allowed_mentions: { parse: [] },
  });
}

async function remove(ctx: ChatInputContext) {
  requireManageGuild(ctx);
  const guildId = guildOf(ctx);
  const name = ctx.options.require("item", "string").trim();
  const removed = await removeItem(ctx.deps.db, guildId, name, new Date(ctx.deps.clock.now()));
  if (!removed)
    throw new UserError(`There is no item called “${name}” in the shop.`, "Unknown item");
  return ephemeral({
    embeds: [
      embed(
        "Removed from the shop",
        `**${removed.name}** is no longer for sale. Members who bought it keep it.`,
        COLORS.success,
      ),
    ],
  });
}

async function buy(ctx: ChatInputContext) {
  const { guildId, settings } = await economyOf(ctx);
  const name = ctx.options.require("item", "string").trim();
  const result = await withFunds(settings.currency, ctx.user.id, () =>
    buyItem(ctx.deps, {
      guildId,
      userId: ctx.user.id,
      memberRoles: ctx.member?.roles ?? [],
      name,
      key: ctx.interaction.id,
    }),
  );
  if (result.status === "replayed") return replayedReply();
  const c = (n: bigint) => formatCoins(n, settings.currency);
  if (result.kind === "refunded")
    return ephemeral({
      embeds: [
        embed(
          "Purchase refunded",
          `${result.reason}\nYour ${c(result.item.price)} came back. Balance: ${c(result.balance)}.`,
          COLORS.warning,
        ),
      ],
      allowed_mentions: { parse: [] },
    });
  if (result.kind === "pending")
    return ephemeral({
      embeds: [
        embed(
          "Purchase pending",
          `Discord did not answer in time. Within a few minutes you either get <@&${result.item.roleId}> or your ${c(result.item.price)} back.`,
          COLORS.warning,
        ),
      ],
      allowed_mentions: { parse: [] },
    });
  const what = result.item.roleId
    ? `the role <@&${result.item.roleId}>`
    : `**${result.item.name}**`;
  return reply({
    embeds: [
      embed(
        "Purchase",
        `<@${ctx.user.id}> bought ${what} for ${c(result.item.price)}.${result.item.roleId ? "" : " It is in their `/inventory`."}\nBalance: ${c(result.balance)}.`,
        COLORS.success,
      ),
    ],
    allowed_mentions: { parse: [] },
  });
}

const itemOption = (description: string) =>
  ({
    type: O.String,
    name: "item",
    description,
    required: true,
    max_length: NAME_MAX,
    autocomplete: true,
  }) as const;

/** `/shop list|buy|add|remove`: spend coins on roles and items. */
export const shop = defineCommand({
  name: "shop",
  bucket: "economy",
  definitions: [
    guildCommand({
      name: "shop",
      description: "Spend coins on roles and items",
      options: [
        { type: O.Subcommand, name: "list", description: "What the shop sells" },
        {
          type: O.Subcommand,
          name: "buy",
          description: "Buy an item",
          options: [itemOption("The item's name")],
        },
        {
          type: O.Subcommand,
          name: "add",
          description: "Put an item on sale (Manage Server)",
          options: [
            {
              type: O.String,
              name: "name",
              description: "Its name",
              required: true,
              max_length: NAME_MAX,
            },
            amountOption("What it costs", "price"),
            { type: O.Role, name: "role", description: "A role the buyer gets (else a text item)" },
            {
              type: O.String,
              name: "description",
              description: "What it is",
              max_length: DESCRIPTION_MAX,
            },
            {
              type: O.Integer,
              name: "stock",
              description: "How many there are (default unlimited)",
              min_value: 1,
              max_value: COUNT_MAX,
            },
            {
              type: O.Integer,
              name: "limit",
              description: "How many one member may own (default no limit)",
              min_value: 1,
              max_value: COUNT_MAX,
            },
          ],
        },
        {
          type: O.Subcommand,
          name: "remove",
          description: "Take an item off sale (Manage Server)",
          options: [itemOption("The item's name")],
        },
      ],
    }),
  ],
  subcommands: {
    list: async (ctx) => ephemeral(await shopPage(ctx.deps, guildOf(ctx), 0)),
    buy,
    add,
    remove,
  },
  components: {
    async page(ctx) {
      const page = Number.parseInt(ctx.args[0] ?? "0", 10);
      return updateMessage(await shopPage(ctx.deps, guildOf(ctx), page));
    },
  },
  async autocomplete(ctx) {
    if (!ctx.guildId) return [];
    const items = await itemNames(ctx.deps.db, ctx.guildId, ctx.focused.value.trim(), 25);
    const settings = await loadSettings(ctx.deps.db, ctx.guildId);
    return items.map((item) => ({
      name: `${item.name} — ${settings.currency.emoji} ${item.price.toLocaleString("en-US")}`,
      value: item.name,
    }));
  },
});
