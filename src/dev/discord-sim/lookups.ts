import { unknown } from "./errors.ts";
import type { RouteContext, RouteRequest } from "./router.ts";
import type { ChannelRecord, GuildRecord } from "./state.ts";

/** The guild named by the `:id` parameter; 404 Unknown Guild otherwise. */
export function guildOf(request: RouteRequest, context: RouteContext): GuildRecord {
  const guild = context.state.guilds.get(request.params.id ?? "");
  if (!guild) throw unknown("guild");
  return guild;
}

/** The channel named by the `:id` parameter; 404 Unknown Channel otherwise. */
export function channelOf(request: RouteRequest, context: RouteContext): ChannelRecord {
  const channel = context.state.channels.get(request.params.id ?? "");
  if (!channel) throw unknown("channel");
  return channel;
}

/** The member named by the `:user` parameter with their role ids; 404 Unknown Member otherwise. */
export function memberOf(
  guild: GuildRecord,
  request: RouteRequest,
): { userId: string; roles: string[] } {
  const userId = request.params.user ?? "";
  const roles = guild.members.get(userId);
  if (!roles) throw unknown("member");
  return { userId, roles };
}
