import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { isSnowflake } from "../../domain/snowflake.ts";
import { UserError } from "../../interactions/errors.ts";
import type { ChatInputContext } from "../../interactions/types.ts";

/**
 * Operator commands are registered only in the management guild, and checked again here:
 * the caller must be in OWNER_IDS and the command must come from that guild.
 */
export function requireOperator(ctx: ChatInputContext): void {
  const { OWNER_IDS, MANAGEMENT_GUILD_ID } = ctx.deps.config;
  if (!OWNER_IDS.includes(ctx.user.id)) {
    throw new UserError("Only Chopsticks operators can use this command.", "Not allowed");
  }
  if (MANAGEMENT_GUILD_ID && ctx.guildId !== MANAGEMENT_GUILD_ID) {
    throw new UserError("Operator commands only work in the management server.", "Not allowed");
  }
}

/** Registration of the `guild_id` option operator commands share. */
export const GUILD_ID_OPTION = {
  type: ApplicationCommandOptionType.String,
  name: "guild_id",
  description: "Server id",
  required: true,
  min_length: 17,
  max_length: 20,
} as const;

/** Reads a guild id option, refusing anything that is not a snowflake. */
export function guildIdOption(ctx: ChatInputContext, name = "guild_id"): string {
  const value: string = ctx.options.require(name, "string").trim();
  const shown = value.slice(0, 40);
  if (!isSnowflake(value)) {
    throw new UserError(`\`${shown}\` is not a server id: it must be a 17–20 digit snowflake.`);
  }
  return value;
}

/** Discord's relative timestamp, or "never" for a permanent setting. */
export function until(expiresAt: number | null): string {
  return expiresAt === null
    ? "never (until lifted)"
    : `<t:${Math.ceil(expiresAt / 1000)}:f> (<t:${Math.ceil(expiresAt / 1000)}:R>)`;
}
