import { BITS, botOutranks, requireGuildPermissions } from "../authority.ts";
import { FormErrors, failedToBanUsers, missingPermissions, unknown } from "../errors.ts";
import { guildOf } from "../lookups.ts";
import { userJson } from "../objects.ts";
import { json, noContent, type RouteContext, type RouteDef, type RouteRequest } from "../router.ts";
import type { GuildRecord } from "../state.ts";

const MAX_DELETE_MESSAGE_SECONDS = 604800;
/** Discord's cap on one bulk-ban call. */
export const BULK_BAN_MAX_USERS = 200;

function checkDeleteSeconds(errors: FormErrors, value: unknown): void {
  if (value === undefined || value === null) return;
  if (typeof value !== "number" || !Number.isInteger(value)) {
    errors.add(["delete_message_seconds"], {
      code: "NUMBER_TYPE_COERCE",
      message: `Value "${String(value)}" is not int.`,
    });
  } else if (value < 0) {
    errors.add(["delete_message_seconds"], {
      code: "NUMBER_TYPE_MIN",
      message: "int value should be greater than or equal to 0.",
    });
  } else if (value > MAX_DELETE_MESSAGE_SECONDS) {
    errors.add(["delete_message_seconds"], {
      code: "NUMBER_TYPE_MAX",
      message: `int value should be less than or equal to ${MAX_DELETE_MESSAGE_SECONDS}.`,
    });
  }
}

// Nobody bans the owner or someone at or above the bot's highest role; tests can also mark
// users unbannable outright.
function canBan(guild: GuildRecord, userId: string, context: RouteContext): boolean {
  return (
    botOutranks(guild, context, userId) && !context.state.unbannable.get(guild.id)?.has(userId)
  );
}

/** A ban removes the member from the guild (and from voice), as on Discord. */
function ban(context: RouteContext, guild: GuildRecord, userId: string, reason: string | null) {
  context.state.guildBans(guild.id).set(userId, { reason });
  guild.members.delete(userId);
  context.state.setVoiceState(guild.id, userId, null);
}

function bulkBan(request: RouteRequest, context: RouteContext) {
  const guild = guildOf(request, context);
  const body = (request.body ?? {}) as { user_ids?: unknown; delete_message_seconds?: unknown };
  const errors = new FormErrors();
  if (!Array.isArray(body.user_ids)) {
    errors.add(["user_ids"], { code: "BASE_TYPE_REQUIRED", message: "This field is required" });
  } else {
    errors.lengthBetween(["user_ids"], body.user_ids.length, 1, BULK_BAN_MAX_USERS);
  }
  checkDeleteSeconds(errors, body.delete_message_seconds);
  errors.throwIfAny();
  requireGuildPermissions(guild, context, BITS.banMembers | BITS.manageGuild);

  const bans = context.state.guildBans(guild.id);
  const banned: string[] = [];
  const failed: string[] = [];
  // Discord silently drops the bot's own id from both lists.
  const userIds = [...new Set((body.user_ids as unknown[]).map(String))].filter(
    (id) => id !== context.identity.botUserId,
  );
  for (const userId of userIds) {
    if (bans.has(userId) || !canBan(guild, userId, context)) {
      failed.push(userId);
    } else {
      ban(context, guild, userId, request.auditLogReason ?? null);
      banned.push(userId);
    }
  }
  if (banned.length === 0) throw failedToBanUsers();
  return json({ banned_users: banned, failed_users: failed });
}

function banOf(request: RouteRequest, context: RouteContext) {
  const guild = guildOf(request, context);
  const userId = request.params.user ?? "";
  const ban = context.state.bans.get(guild.id)?.get(userId);
  if (!ban) throw unknown("ban");
  return { guild, userId, ban };
}

const banJson = (context: RouteContext, userId: string, reason: string | null) => ({
  user: userJson(userId, context.state.users.get(userId)),
  reason,
});

/** Ban routes: one ban, bulk ban (≤ 200 ids), list, read and lift. */
export const banRoutes: RouteDef[] = [
  { method: "POST", pattern: "/guilds/:id/bulk-ban", auth: "bot", handle: bulkBan },
  {
    method: "GET",
    pattern: "/guilds/:id/bans",
    auth: "bot",
    handle: (request, context) => {
      const guild = guildOf(request, context);
      requireGuildPermissions(guild, context, BITS.banMembers);
      const bans = context.state.guildBans(guild.id);
      return json([...bans].map(([userId, ban]) => banJson(context, userId, ban.reason)));
    },
  },
  {
    method: "GET",
    pattern: "/guilds/:id/bans/:user",
    auth: "bot",
    handle: (request, context) => {
      const { userId, ban } = banOf(request, context);
      return json(banJson(context, userId, ban.reason));
    },
  },
  {
    method: "PUT",
    pattern: "/guilds/:id/bans/:user",
    auth: "bot",
    handle: (request, context) => {
      const guild = guildOf(request, context);
      const userId = request.params.user ?? "";
      const errors = new FormErrors();
      checkDeleteSeconds(
        errors,
        (request.body as { delete_message_seconds?: unknown } | undefined)?.delete_message_seconds,
      );
      errors.throwIfAny();
      requireGuildPermissions(guild, context, BITS.banMembers);
      if (!canBan(guild, userId, context)) throw missingPermissions();
      ban(context, guild, userId, request.auditLogReason ?? null);
      return noContent();
    },
  },
  {
    method: "DELETE",
    pattern: "/guilds/:id/bans/:user",
    auth: "bot",
    handle: (request, context) => {
      const { guild, userId } = banOf(request, context);
      requireGuildPermissions(guild, context, BITS.banMembers);
      context.state.guildBans(guild.id).delete(userId);
      return noContent();
    },
  },
];
