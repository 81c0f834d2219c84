import { botUserJson, userJson } from "../objects.ts";
import { json, type RouteDef } from "../router.ts";
import type { SimState } from "../state.ts";

/** Where a simulated gateway listens (set by whoever started one), or null. */
export function gatewayUrl(state: SimState): string | null {
  return state.feature<{ url: string | null }>("gateway", () => ({ url: null })).url;
}

/** Points `GET /gateway/bot` at a simulated gateway. */
export function setGatewayUrl(state: SimState, url: string | null): void {
  state.feature<{ url: string | null }>("gateway", () => ({ url: null })).url = url;
}

/** Current-user, user and gateway routes. */
export const userRoutes: RouteDef[] = [
  {
    method: "GET",
    pattern: "/users/@me",
    auth: "bot",
    handle: (_request, context) => json(botUserJson(context.identity)),
  },
  {
    method: "GET",
    pattern: "/users/:user",
    auth: "bot",
    handle: (request, context) => {
      const userId = request.params.user ?? "";
      return json(userJson(userId, context.state.users.get(userId)));
    },
  },
  {
    method: "GET",
    pattern: "/gateway/bot",
    auth: "bot",
    handle: (_request, context) =>
      json({
        url: gatewayUrl(context.state) ?? "wss://gateway.discord.gg",
        shards: 1,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
      }),
  },
];
