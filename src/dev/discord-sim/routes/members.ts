import { BITS, botCanManageRole, requireGuildPermissions } from "../authority.ts";
import { FormErrors, missingPermissions, unknown } from "../errors.ts";
import { guildOf, memberOf } from "../lookups.ts";
import { memberJson } from "../objects.ts";
import { json, noContent, type RouteContext, type RouteDef, type RouteRequest } from "../router.ts";

/**
 * Adds or removes one role of a member: the bot needs Manage Roles and a highest role above
 * the role (Discord's hierarchy rule); managed roles and @everyone cannot be granted.
 */
function changeRole(request: RouteRequest, context: RouteContext, add: boolean) {
  const guild = guildOf(request, context);
  const { userId, roles } = memberOf(guild, request);
  const role = guild.roles.find((candidate) => candidate.id === request.params.role);
  if (!role) throw unknown("role");
  requireGuildPermissions(guild, context, BITS.manageRoles);
  if (role.id === guild.id || role.managed) throw missingPermissions();
  if (!botCanManageRole(guild, context, role.position ?? 1)) throw missingPermissions();
  const next = roles.filter((id) => id !== role.id);
  guild.members.set(userId, add ? [...next, role.id] : next);
  return noContent();
}

/** Member routes: read one, list, and grant or remove a role. */
export const memberRoutes: RouteDef[] = [
  {
    method: "GET",
    pattern: "/guilds/:id/members",
    auth: "bot",
    handle: (request, context) => {
      const guild = guildOf(request, context);
      const limit = Number(request.query.get("limit") ?? 1);
      const afterText = request.query.get("after") ?? "0";
      const errors = new FormErrors();
      if (!/^\d{1,20}$/.test(afterText)) {
        errors.add(["after"], {
          code: "NUMBER_TYPE_COERCE",
          message: `Value "${afterText}" is not snowflake.`,
        });
      }
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
        errors.add(["limit"], {
          code: "NUMBER_TYPE_MAX",
          message: "int value should be between 1 and 1000.",
        });
      }
      errors.throwIfAny();
      const after = BigInt(afterText);
      const members = [...guild.members]
        .filter(([userId]) => BigInt(userId) > after)
        .sort(([a], [b]) => (BigInt(a) < BigInt(b) ? -1 : 1))
        .slice(0, limit);
      return json(
        members.map(([userId, roles]) =>
          memberJson(userId, roles, context.state.users.get(userId)),
        ),
      );
    },
  },
  {
    method: "GET",
    pattern: "/guilds/:id/members/:user",
    auth: "bot",
    handle: (request, context) => {
      const { userId, roles } = memberOf(guildOf(request, context), request);
      return json(memberJson(userId, roles, context.state.users.get(userId)));
    },
  },
  {
    method: "PUT",
    pattern: "/guilds/:id/members/:user/roles/:role",
    auth: "bot",
    handle: (request, context) => changeRole(request, context, true),
  },
  {
    method: "DELETE",
    pattern: "/guilds/:id/members/:user/roles/:role",
    auth: "bot",
    handle: (request, context) => changeRole(request, context, false),
  },
];
