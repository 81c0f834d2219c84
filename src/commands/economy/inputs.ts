import {
  type APIApplicationCommandBasicOption,
  type APIInteraction,
  ApplicationIntegrationType,
  InteractionContextType,
  ApplicationCommandOptionType as O,
  PermissionFlagsBits as P,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import { checkAmount, formatCoins, MAX_AMOUNT } from "../../domain/economy/amounts.ts";
import type { EconomySettings } from "../../domain/economy/settings.ts";
import { missingPermissions } from "../../domain/moderation/permissions.ts";
import { type ChatInputContext, UserError } from "../../interactions/index.ts";
import type { BaseContext } from "../../interactions/types.ts";
import { settingsMemo } from "./settings-memo.ts";

type AnyContext = BaseContext<APIInteraction>;

/** The guild of an economy command (every one is guild-only). */
export function guildOf(ctx: AnyContext): string {
  if (!ctx.guildId) throw new UserError("The economy only works inside a server.");
  return ctx.guildId;
}

/** The guild and its economy settings: what most economy handlers start with. */
export async function economyOf(
  ctx: AnyContext,
): Promise<{ guildId: string; settings: EconomySettings }> {
  const guildId = guildOf(ctx);
  return { guildId, settings: await settingsMemo.get(ctx.deps, guildId) };
}

/** Whether the invoker has Manage Server (Administrator included). */
export function canManageGuild(ctx: AnyContext): boolean {
  return missingPermissions(ctx.member?.permissions, [P.ManageGuild]).length === 0;
}

/** Refuses anyone without Manage Server (registration hides the command too; this decides). */
export function requireManageGuild(ctx: AnyContext): void {
  if (!canManageGuild(ctx))
    throw new UserError("You need **Manage Server** to do this.", "Missing permissions");
}

/** Reads and checks a whole-number amount option: 1 to 10^12. */
export function readAmount(ctx: ChatInputContext, name = "amount", what = "The amount"): bigint {
  const raw = ctx.options.get(name, "integer");
  if (raw === undefined) throw new UserError(`The option \`${name}\` is required.`);
  const checked = checkAmount(raw, what);
  if (!checked.ok) throw new UserError(checked.problem, "Invalid amount");
  return checked.amount;
}

/** A user option's id, refusing bots (they hold no wallet) and, unless allowed, yourself. */
export function readMember(
  ctx: ChatInputContext,
  name: string,
  options: { self?: "allow" | string } = {},
): string | undefined {
  const id = ctx.options.get(name, "user");
  if (id === undefined) return undefined;
  if (ctx.interaction.data.resolved?.users?.[id]?.bot || id === ctx.interaction.application_id)
    throw new UserError("Bots do not have wallets.", "Not a member");
  if (id === ctx.user.id && options.self !== "allow")
    throw new UserError(options.self ?? "You cannot do that to yourself.", "Not allowed");
  return id;
}

/** An `amount` option: Discord enforces the range in its client; {@link readAmount} again here. */
export function amountOption(
  description: string,
  name = "amount",
): APIApplicationCommandBasicOption {
  return {
    type: O.Integer,
    name,
    description,
    required: true,
    min_value: 1,
    max_value: Number(MAX_AMOUNT),
  };
}

/** The registration header every economy command shares: installed in guilds, used in guilds. */
export function guildCommand(
  body: Omit<RESTPostAPIChatInputApplicationCommandsJSONBody, "integration_types" | "contexts">,
): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    ...body,
    integration_types: [ApplicationIntegrationType.GuildInstall],
    contexts: [InteractionContextType.Guild],
  };
}

/** Reads the `amount` option as a bet: also within the server's minimum and maximum. */
export function readBet(ctx: ChatInputContext, settings: EconomySettings): bigint {
  const bet = readAmount(ctx, "amount", "The bet");
  if (bet < settings.minBet || bet > settings.maxBet)
    throw new UserError(
      `Bets here are from ${formatCoins(settings.minBet, settings.currency)} to ${formatCoins(settings.maxBet, settings.currency)}.`,
      "Bet outside the limits",
    );
  return bet;
}
