import { FormErrors, failedToBanUsers, missingPermissions, unknown } from "./errors.ts";
import { channelJson, guildJson, memberJson, roleJson, userJson } from "./objects.ts";
import { json, noContent, type RouteContext, type RouteDef, type RouteRequest } from "./router.ts";
import type { GuildRecord } from "./state.ts";

const MAX_DELETE_MESSAGE_SECONDS = 604800;

function guildOf(request: RouteRequest, context: RouteContext): GuildRecord {
  const guild = context.state.guilds.get(request.params.id ?? "");
  if (!guild) throw unknown("guild");
  return guild;
}

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

// The owner can never be banned; tests mark others (e.g. above the bot's highest role).
function canBan(guild: GuildRecord, userId: string, context: RouteContext): boolean {
  return userId !== guild.ownerId && !context.state.unbannable.get(guild.id)?.has(userId);
}

function bulkBan(request: RouteRequest, context: RouteContext) {
  const guild = guildOf(request, context);
  const body = (request.body ?? {}) as { user_ids?: unknown; delete_message_seconds?: unknown };
  const errors = new FormErrors();
  if (!Array.isArray(body.user_ids)) {
    errors.add(["user_ids"], { code: "BASE_TYPE_REQUIRED", message: "This field is required" });
  } else {
    errors.lengthBetween(["user_ids"], body.user_ids.length, 1, 200);
  }
  checkDeleteSeconds(errors, body.delete_message_seconds);
  errors.throwIfAny();

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
      bans.set(userId, { reason: request.auditLogReason ?? null });
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

/** Guild routes: the guild, its channels, roles, members and bans. */
export const guildRoutes: RouteDef[] = [
  {
    method: "GET",
    pattern: "/guilds/:id",
    auth: "bot",
    handle: (r, c) => json(guildJson(guildOf(r, c))),
  },
  {
    method: "GET",
    pattern: "/guilds/:id/channels",
    auth: "bot",
    handle: (request, context) => {
      const guild = guildOf(request, context);
      const channels = guild.channelIds.map((id) => context.state.channels.get(id));
      return json(channels.filter((channel) => channel !== undefined).map(channelJson));
    },
  },
  {
    method: "GET",
    pattern: "/guilds/:id/roles",
    auth: "bot",
    handle: (request, context) => json(guildOf(request, context).roles.map(roleJson)),
  },
  {
    method: "GET",
    pattern: "/guilds/:id/members/:user",
    auth: "bot",
    handle: (request, context) => {
      const userId = request.params.user ?? "";
      const roles = guildOf(request, context).members.get(userId);
      if (!roles) throw unknown("member");
      return json(memberJson(userId, roles));
    },
  },
  { method: "POST", pattern: "/guilds/:id/bulk-ban", auth: "bot", handle: bulkBan },
  {
    method: "GET",
    pattern: "/guilds/:id/bans",
    auth: "bot",
    handle: (request, context) => {
      const bans = context.state.guildBans(guildOf(request, context).id);
      return json(
        [...bans].map(([userId, ban]) => ({ user: userJson(userId), reason: ban.reason })),
      );
    },
  },
  {
    method: "GET",
    pattern: "/guilds/:id/bans/:user",
    auth: "bot",
    handle: (request, context) => {
      const { userId, ban } = banOf(request, context);
      return json({ user: userJson(userId), reason: ban.reason });
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
      if (!canBan(guild, userId, context)) throw missingPermissions();
      context.state.guildBans(guild.id).set(userId, { reason: request.auditLogReason ?? null });
      return noContent();
    },
  },
  {
    method: "DELETE",
    pattern: "/guilds/:id/bans/:user",
    auth: "bot",
    handle: (request, context) => {
      const { guild, userId } = banOf(request, context);
      context.state.guildBans(guild.id).delete(userId);
      return noContent();
    },
  },
];
