import { type APIInteraction, PermissionFlagsBits as P } from "discord-api-types/v10";
import { missingPermissions } from "../../domain/moderation/permissions.ts";
import { UserError } from "../../interactions/index.ts";
import type { BaseContext } from "../../interactions/types.ts";

type AnyContext = BaseContext<APIInteraction>;

/** The guild of a server-only subcommand; `/ai` itself also works in DMs. */
export function serverOf(ctx: AnyContext): string {
  if (!ctx.guildId) throw new UserError("This only works inside a server.", "Server only");
  return ctx.guildId;
}

/** Refuses anyone without Manage Server (Administrator implies it). */
export function requireManageGuild(ctx: AnyContext, what: string): string {
  const guildId = serverOf(ctx);
  if (missingPermissions(ctx.member?.permissions, [P.ManageGuild]).length > 0) {
    throw new UserError(
      `You need **Manage Server** to ${what}. Nothing was changed.`,
      "Missing permissions",
    );
  }
  return guildId;
}
