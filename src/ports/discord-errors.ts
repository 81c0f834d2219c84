/** A Discord REST call that failed; carries no token (webhook routes are redacted). */
export class DiscordRequestError extends Error {
  override name = "DiscordRequestError";
  constructor(
    readonly status: number,
    readonly code: number | null,
    readonly method: string,
    readonly route: string,
    message: string,
  ) {
    super(`${method} ${route} → ${status}${code !== null ? ` (code ${code})` : ""}: ${message}`);
    this.detail = message;
  }

  /** Discord's own words ("Missing Permissions"), without the route; safe to show users. */
  readonly detail: string;
}

/** A call that needs the bot token when none is configured (the local playground). */
export class MissingBotTokenError extends Error {
  override name = "MissingBotTokenError";
  constructor() {
    super("DISCORD_TOKEN is not set, so calls that act as the bot cannot be made");
  }
}
