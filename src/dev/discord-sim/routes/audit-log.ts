import { auditLogEntries } from "../audit-log.ts";
import { BITS, requireGuildPermissions } from "../authority.ts";
import { FormErrors } from "../errors.ts";
import { guildOf } from "../lookups.ts";
import { botUserJson, userJson } from "../objects.ts";
import { json, type RouteContext, type RouteDef, type RouteRequest } from "../router.ts";

const isSnowflake = (value: string | null) => value === null || /^\d{17,20}$/.test(value);

function checkQuery(query: URLSearchParams): number {
  const errors = new FormErrors();
  for (const name of ["user_id", "before", "after"]) {
    if (!isSnowflake(query.get(name))) {
      errors.add([name], {
        code: "NUMBER_TYPE_COERCE",
        message: `Value "${query.get(name)}" is not snowflake.`,
      });
    }
  }
  const limit = Number(query.get("limit") ?? 50);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    errors.add(["limit"], {
      code: "NUMBER_TYPE_MAX",
      message: "int value should be between 1 and 100.",
    });
  }
  errors.throwIfAny();
  return limit;
}

function listAuditLog(request: RouteRequest, context: RouteContext) {
  const guild = guildOf(request, context);
  requireGuildPermissions(guild, context, BITS.viewAuditLog);
  const { query } = request;
  const limit = checkQuery(query);
  const userId = query.get("user_id");
  const actionType = query.get("action_type");
  const before = query.get("before");
  const after = query.get("after");
  const matching = auditLogEntries(context.state, guild.id).filter(
    (entry) =>
      (userId === null || entry.user_id === userId) &&
      (actionType === null || entry.action_type === Number(actionType)) &&
      (before === null || BigInt(entry.id) < BigInt(before)) &&
      (after === null || BigInt(entry.id) > BigInt(after)),
  );
  // Newest first; with only `after`, Discord pages forward (oldest first).
  const page =
    after !== null && before === null
      ? matching.slice(0, limit)
      : [...matching].reverse().slice(0, limit);
  const userIds = new Set<string>();
  for (const entry of page) {
    if (entry.user_id) userIds.add(entry.user_id);
    // Member actions (20–28) target a user.
    if (entry.target_id && entry.action_type >= 20 && entry.action_type <= 28) {
      userIds.add(entry.target_id);
    }
  }
  const { identity, state } = context;
  return json({
    audit_log_entries: page,
    users: [...userIds].map((id) =>
      id === identity.botUserId ? botUserJson(identity) : userJson(id, state.users.get(id)),
    ),
    integrations: [],
    webhooks: [],
    guild_scheduled_events: [],
    threads: [],
    application_commands: [],
    auto_moderation_rules: [],
  });
}

/** `GET /guilds/{id}/audit-logs` (`user_id`, `action_type`, `before`, `after`, `limit`). */
export const auditLogRoutes: RouteDef[] = [
  { method: "GET", pattern: "/guilds/:id/audit-logs", auth: "bot", handle: listAuditLog },
];
