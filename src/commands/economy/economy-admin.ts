import {
  type APIApplicationCommandBasicOption,
  ApplicationCommandOptionType as O,
  PermissionFlagsBits as P,
} from "discord-api-types/v10";
import { auditLedger } from "../../data/economy/audit.ts";
import { saveSettings } from "../../data/economy/settings.ts";
import { checkAmount, formatCoins, MAX_AMOUNT } from "../../domain/economy/amounts.ts";
import {
  applySettingsChange,
  CURRENCY_EMOJI_MAX,
  CURRENCY_NAME_MAX,
  type EconomySettings,
  type SettingsChange,
} from "../../domain/economy/settings.ts";
import { withFunds } from "../../economy/funds.ts";
import { adjustCoins } from "../../economy/staff.ts";
import {
  type ChatInputContext,
  COLORS,
  defineCommand,
  embed,
  ephemeral,
  reply,
  UserError,
} from "../../interactions/index.ts";
import { postCaseToModlog } from "../../moderation/index.ts";
import {
  amountOption,
  economyOf,
  guildCommand,
  readAmount,
  readMember,
  requireManageGuild,
} from "./inputs.ts";
import { replayedReply } from "./replayed.ts";
import { settingsMemo } from "./settings-memo.ts";

const REASON_MAX = 300;

function adjust(direction: "grant" | "take") {
  return async (ctx: ChatInputContext) => {
    requireManageGuild(ctx);
    const { guildId, settings } = await economyOf(ctx);
    const userId = readMember(ctx, "user", { self: "allow" });
    if (!userId) throw new UserError("Choose a member.");
    const amount = readAmount(ctx);
    const reason = ctx.options.get("reason", "string")?.trim().slice(0, REASON_MAX) || null;
    const result = await withFunds(settings.currency, ctx.user.id, () =>
      adjustCoins(ctx.deps, direction, {
        guildId,
        staffId: ctx.user.id,
        userId,
        amount,
        reason,
        currency: settings.currency,
        key: ctx.interaction.id,
      }),
    );
    if (result.status === "replayed") return replayedReply();
    postCaseToModlog(ctx.deps, guildId, result.caseNumber);
    const verb = direction === "grant" ? "gave" : "took";
    const preposition = direction === "grant" ? "to" : "from";
    return reply({
      embeds: [
        embed(
          direction === "grant" ? "Coins granted" : "Coins taken",
          `<@${ctx.user.id}> ${verb} ${formatCoins(amount, settings.currency)} ${preposition} <@${userId}>.` +
            `${reason ? `\n**Reason:** ${reason}` : ""}\nTheir balance: ${formatCoins(result.balance, settings.currency)} · case #${result.caseNumber}`,
          direction === "grant" ? COLORS.success : COLORS.warning,
        ),
      ],
      allowed_mentions: { parse: [] },
    });
  };
}

const SETTING_OPTIONS: { name: string; field: keyof SettingsChange; description: string }[] = [
  { name: "daily_amount", field: "dailyAmount", description: "What /daily pays before bonus" },
  { name: "min_bet", field: "minBet", description: "Smallest bet in the casino" },
  { name: "max_bet", field: "maxBet", description: "Largest bet in the casino" },
  { name: "work_min", field: "workMin", description: "Least /work pays" },
  { name: "work_max", field: "workMax", description: "Most /work pays" },
];

function settingsEmbed(settings: EconomySettings, title: string) {
  const c = (amount: bigint) => formatCoins(amount, settings.currency);
  return embed(
    title,
    [
      `**Currency:** ${settings.currency.emoji} ${settings.currency.name}`,
      `**Daily:** ${c(settings.dailyAmount)} (+10 % a day of streak, up to +70 %)`,
      `**Bets:** ${c(settings.minBet)} to ${c(settings.maxBet)}`,
      `**Work:** ${c(settings.workMin)} to ${c(settings.workMax)} an hour`,
    ].join("\n"),
    COLORS.info,
  );
}

async function config(ctx: ChatInputContext) {
  requireManageGuild(ctx);
  const { guildId, settings } = await economyOf(ctx);
  const change: SettingsChange = {};
  const name = ctx.options.get("currency_name", "string");
  const emoji = ctx.options.get("currency_emoji", "string");
  if (name !== undefined) change.currencyName = name;
  if (emoji !== undefined) change.currencyEmoji = emoji;
  for (const option of SETTING_OPTIONS) {
    const raw = ctx.options.get(option.name, "integer");
    if (raw === undefined) continue;
    const checked = checkAmount(raw, `\`${option.name}\``);
    if (!checked.ok) throw new UserError(checked.problem, "Invalid setting");
    (change as Record<string, bigint>)[option.field] = checked.amount;
  }
  if (Object.keys(change).length === 0)
    return ephemeral({ embeds: [settingsEmbed(settings, "Economy settings")] });
  const next = applySettingsChange(settings, change);
  if (!next.ok) throw new UserError(next.problem, "Invalid setting");
  await saveSettings(ctx.deps.db, guildId, next.settings, {
    userId: ctx.user.id,
    now: new Date(ctx.deps.clock.now()),
  });
  settingsMemo.forget(guildId);
  return ephemeral({ embeds: [settingsEmbed(next.settings, "Economy settings saved")] });
}

async function audit(ctx: ChatInputContext) {
  requireManageGuild(ctx);
  const { guildId } = await economyOf(ctx);
  const result = await auditLedger(ctx.deps.db, guildId);
  const sound = result.problems.length === 0;
  return ephemeral({
    embeds: [
      embed(
        sound ? "Ledger is sound" : "Ledger problems",
        sound
          ? `All ${result.accounts} accounts sum to zero, every balance equals its ${result.entries} ledger entries, and no wallet is below zero (${result.transfers} transfers).`
          : result.problems.slice(0, 15).join("\n"),
        sound ? COLORS.success : COLORS.error,
      ),
    ],
  });
}

const amountSetting = (name: string, description: string): APIApplicationCommandBasicOption => ({
  type: O.Integer,
  name,
  description,
  min_value: 1,
  max_value: Number(MAX_AMOUNT),
});

const memberAndAmount = (verb: string): APIApplicationCommandBasicOption[] => [
  { type: O.User, name: "user", description: `Who to ${verb}`, required: true },
  amountOption("How many coins"),
  {
    type: O.String,
    name: "reason",
    description: "Why (kept in the modlog)",
    required: true,
    max_length: REASON_MAX,
  },
];

/** `/economy grant|take|config|audit`: the server's economy, for Manage Server. */
export const economyAdmin = defineCommand({
  name: "economy",
  bucket: "economy",
  definitions: [
    guildCommand({
      name: "economy",
      description: "Manage this server's economy",
      default_member_permissions: String(P.ManageGuild),
      options: [
        {
          type: O.Subcommand,
          name: "grant",
          description: "Give a member new coins",
          options: memberAndAmount("give coins to"),
        },
        {
          type: O.Subcommand,
          name: "take",
          description: "Take coins from a member",
          options: memberAndAmount("take coins from"),
        },
        {
          type: O.Subcommand,
          name: "config",
          description: "Show or change the currency, daily amount, bet limits and work pay",
          options: [
            {
              type: O.String,
              name: "currency_name",
              description: "What the coins are called",
              max_length: CURRENCY_NAME_MAX,
            },
            {
              type: O.String,
              name: "currency_emoji",
              description: "The currency's emoji",
              max_length: CURRENCY_EMOJI_MAX,
            },
            ...SETTING_OPTIONS.map((o) => amountSetting(o.name, o.description)),
          ],
        },
        {
          type: O.Subcommand,
          name: "audit",
          description: "Check the ledger: every coin accounted for",
        },
      ],
    }),
  ],
  subcommands: { grant: adjust("grant"), take: adjust("take"), config, audit },
});
