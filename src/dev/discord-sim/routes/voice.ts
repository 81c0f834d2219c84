import { BITS, requireChannelPermissions } from "../authority.ts";
import { unknown } from "../errors.ts";
import { guildOf } from "../lookups.ts";
import { memberJson, voiceStateJson } from "../objects.ts";
import { json, type RouteDef } from "../router.ts";

/**
 * Voice states: which voice channel a member sits in. Not in voice → 404 Unknown Voice State
 * (10065); in a channel the bot cannot see → 403 Missing Access (50001), as on Discord.
 */
export const voiceRoutes: RouteDef[] = [
  {
    method: "GET",
    pattern: "/guilds/:id/voice-states/:user",
    auth: "bot",
    handle: (request, context) => {
      const guild = guildOf(request, context);
      const param = request.params.user ?? "";
      const userId = param === "@me" ? context.identity.botUserId : param;
      const state = context.state.voiceState(guild.id, userId);
      const roles = guild.members.get(userId);
      if (!state || !roles) throw unknown("voiceState");
      const channel = context.state.channels.get(state.channelId);
      if (channel) requireChannelPermissions(channel, context, BITS.viewChannel);
      const member = memberJson(userId, roles, context.state.users.get(userId));
      return json(voiceStateJson(guild.id, userId, state, member));
    },
  },
];
