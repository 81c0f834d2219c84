import { snowflake } from "../../snowflake.ts";
import { validateCommands } from "../command-limits.ts";
import { missingAccess } from "../errors.ts";
import { commandJson } from "../objects.ts";
import { json, type RouteContext, type RouteDef, type RouteRequest } from "../router.ts";
import type { JsonObject } from "../state.ts";

function checkApplication(request: RouteRequest, context: RouteContext): void {
  if (request.params.app !== context.identity.applicationId) throw missingAccess();
}

function guildIdOf(request: RouteRequest, context: RouteContext): string {
  checkApplication(request, context);
  const guildId = request.params.guild ?? "";
  if (!context.state.guilds.has(guildId)) throw missingAccess();
  return guildId;
}

const sameDefinition = (a: JsonObject, b: JsonObject): boolean => {
  const { id: _a, version: _av, ...restA } = a;
  const { id: _b, version: _bv, ...restB } = b;
  return JSON.stringify(restA) === JSON.stringify(restB);
};

/**
 * Bulk overwrite as Discord does it: commands keep their id when name and type match an
 * existing one, get a new version when their definition changed, and the rest are deleted.
 */
function overwrite(existing: JsonObject[], body: unknown, applicationId: string, guildId?: string) {
  return validateCommands(body).map((definition) => {
    const type = typeof definition.type === "number" ? definition.type : 1;
    const previous = existing.find(
      (command) => command.name === definition.name && command.type === type,
    );
    const id = typeof previous?.id === "string" ? previous.id : snowflake();
    const next = commandJson(definition, { applicationId, guildId, id, version: snowflake() });
    return previous && sameDefinition(previous, next) ? previous : next;
  });
}

/** Application command registration routes (global and per guild). */
export const commandRoutes: RouteDef[] = [
  {
    method: "GET",
    pattern: "/applications/:app/commands",
    auth: "bot",
    handle: (request, context) => {
      checkApplication(request, context);
      return json(context.state.globalCommands);
    },
  },
  {
    method: "PUT",
    pattern: "/applications/:app/commands",
    auth: "bot",
    handle: (request, context) => {
      checkApplication(request, context);
      const { state, identity } = context;
      state.globalCommands = overwrite(state.globalCommands, request.body, identity.applicationId);
      return json(state.globalCommands);
    },
  },
  {
    method: "GET",
    pattern: "/applications/:app/guilds/:guild/commands",
    auth: "bot",
    handle: (request, context) =>
      json(context.state.guildCommands.get(guildIdOf(request, context)) ?? []),
  },
  {
    method: "PUT",
    pattern: "/applications/:app/guilds/:guild/commands",
    auth: "bot",
    handle: (request, context) => {
      const guildId = guildIdOf(request, context);
      const { state, identity } = context;
      const commands = overwrite(
        state.guildCommands.get(guildId) ?? [],
        request.body,
        identity.applicationId,
        guildId,
      );
      state.guildCommands.set(guildId, commands);
      return json(commands);
    },
  },
];
