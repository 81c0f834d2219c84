import { DiscordAPIError, HTTPError, RateLimitError } from "@discordjs/rest";
import { DiscordRequestError, MissingBotTokenError } from "../../ports/discord-errors.ts";

export { DiscordRequestError, MissingBotTokenError };

/** Replaces interaction tokens in webhook paths, so routes are safe to log. */
export function redactRoute(path: string): string {
  return path.replace(/(\/webhooks\/\d+\/)[^/?\s]+/g, "$1:token");
}

/** Runs a REST call, turning library errors into {@link DiscordRequestError}s without tokens. */
export type CallDiscord = <T>(request: () => Promise<T>) => Promise<T>;

/** Runs `request`, mapping @discordjs/rest's errors to the port's typed errors. */
export async function mapDiscordErrors<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (error instanceof DiscordAPIError) {
      const code = typeof error.code === "number" ? error.code : null;
      throw new DiscordRequestError(
        error.status,
        code,
        error.method,
        redactRoute(new URL(error.url).pathname),
        error.message,
      );
    }
    if (error instanceof HTTPError) {
      throw new DiscordRequestError(
        error.status,
        null,
        error.method,
        redactRoute(new URL(error.url).pathname),
        error.message,
      );
    }
    if (error instanceof RateLimitError) {
      throw new DiscordRequestError(
        429,
        null,
        error.method,
        redactRoute(error.route),
        `rate limited for ${error.retryAfter} ms`,
      );
    }
    if (error instanceof Error && error.message.startsWith("Expected token to be set")) {
      throw new MissingBotTokenError();
    }
    if (error instanceof Error && error.name === "AbortError") {
      throw new DiscordRequestError(0, null, "?", "?", "timed out");
    }
    throw error;
  }
}
