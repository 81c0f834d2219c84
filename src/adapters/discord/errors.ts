export { DiscordRequestError, MissingBotTokenError } from "../../ports/discord-errors.ts";

/** Replaces interaction tokens in webhook paths, so routes are safe to log. */
export function redactRoute(path: string): string {
  return path.replace(/(\/webhooks\/\d+\/)[^/?\s]+/g, "$1:token");
}
