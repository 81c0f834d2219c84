import { type APIUser, type RESTGetAPIAuditLogResult, Routes } from "discord-api-types/v10";
import { createScriptRest, describeFailures } from "./discord.ts";

/** The calls the token scripts make, as the bot. */
export interface BotApi {
  /** `GET /users/@me`: who the token belongs to. */
  me(): Promise<APIUser>;
  /** One page (≤ 100, newest first) of a guild's audit log by one user, before an entry id. */
  auditLog(
    guildId: string,
    query: { userId: string; before?: string; limit: number },
  ): Promise<RESTGetAPIAuditLogResult>;
}

/** The bot's client for the token scripts (@discordjs/rest, bounded timeout and retries). */
export function createBotApi(settings: { apiBase: string; token: string }): BotApi {
  const rest = createScriptRest(settings);
  return {
    me: () =>
      describeFailures("GET", "/users/@me", () => rest.get(Routes.user("@me"))) as Promise<APIUser>,
    auditLog: (guildId, { userId, before, limit }) => {
      const query = new URLSearchParams({ user_id: userId, limit: String(limit) });
      if (before) query.set("before", before);
      const route = Routes.guildAuditLog(guildId);
      return describeFailures("GET", route, () =>
        rest.get(route, { query }),
      ) as Promise<RESTGetAPIAuditLogResult>;
    },
  };
}
