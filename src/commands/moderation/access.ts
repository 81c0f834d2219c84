import { type APIInteraction, PermissionFlagsBits as P } from "discord-api-types/v10";
import { missingPermissions, permissionRefusal } from "../../domain/moderation/permissions.ts";
import { UserError } from "../../interactions/index.ts";
import type { BaseContext } from "../../interactions/types.ts";
import type { Moderator } from "../../moderation/index.ts";

/** What each moderation action asks of the invoker (`member`) and of Chopsticks (`app`). */
export const REQUIRED = {
  massban: {
    member: [P.BanMembers, P.ManageGuild],
    app: [P.BanMembers, P.ManageGuild],
  },
  // Editing overwrites needs Manage Roles ("Manage Permissions") on Discord's side.
  lockChannel: {
    member: [P.ManageChannels],
    app: [P.ManageChannels, P.ManageRoles],
  },
  lockServer: {
    member: [P.ManageChannels, P.ManageGuild],
    app: [P.ManageChannels, P.ManageRoles, P.ManageGuild],
  },
  manageGuild: { member: [P.ManageGuild], app: [] },
} as const satisfies Record<string, { member: readonly bigint[]; app: readonly bigint[] }>;

/** Anyone who may take one of the moderation actions may read the modlog. */
const MODLOG_READERS = [P.BanMembers, P.ManageChannels, P.ManageGuild];

type AnyContext = BaseContext<APIInteraction>;

/** The guild of a guild-only command (the guild-only guard already refused DMs). */
export function guildOf(ctx: AnyContext): string {
  if (!ctx.guildId) throw new UserError("This command only works inside a server.");
  return ctx.guildId;
}

/** Refuses, naming each missing permission for "you" and for Chopsticks. */
export function requirePermissions(
  ctx: AnyContext,
  required: { member: readonly bigint[]; app: readonly bigint[] },
): void {
  const refusal = permissionRefusal(
    { member: ctx.member?.permissions, app: ctx.interaction.app_permissions },
    required,
  );
  if (refusal) throw new UserError(refusal, "Missing permissions");
}

/** Refuses anyone without at least one moderation permission. */
export function requireModlogReader(ctx: AnyContext): void {
  const missing = missingPermissions(ctx.member?.permissions, MODLOG_READERS);
  if (missing.length === MODLOG_READERS.length) {
    throw new UserError(
      "You need **Ban Members**, **Manage Channels** or **Manage Server** to read the modlog.",
      "Missing permissions",
    );
  }
}

/** Whether the invoker has Manage Server. */
export function canManageGuild(ctx: AnyContext): boolean {
  return missingPermissions(ctx.member?.permissions, [P.ManageGuild]).length === 0;
}

export function moderatorOf(ctx: AnyContext): Moderator {
  return { id: ctx.user.id, name: ctx.user.username };
}

/** Chopsticks' own user id: a bot's user id is its application id. */
export function botIdOf(ctx: AnyContext): string {
  return ctx.interaction.application_id;
}
