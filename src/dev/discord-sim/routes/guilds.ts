import { guildOf } from "../lookups.ts";
import { channelJson, guildJson, roleJson } from "../objects.ts";
import { json, type RouteDef } from "../router.ts";

/** Guild routes: the guild itself, its channels and its roles. */
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
];
