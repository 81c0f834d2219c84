import type { APIInteraction } from "discord-api-types/v10";
import { describeError } from "../platform/logger.ts";
import type { CommandOutcome, Logger, MessageBody } from "../ports/index.ts";
import { DiscordRequestError, MissingBotTokenError } from "../ports/index.ts";
import { isDatabaseUnavailable, UserError } from "./errors.ts";
import { errorBody } from "./responses.ts";

/** What the user is shown for a failure, and how it is counted. */
export interface Failure {
  body: MessageBody;
  outcome: CommandOutcome;
}

/**
 * The one error boundary: a user mistake becomes an ephemeral explanation; anything else is
 * logged with the interaction id (never the token) and shown as a reference the user can quote.
 */
export function toFailure(
  error: unknown,
  interaction: APIInteraction,
  command: string,
  log: Logger,
): Failure {
  if (error instanceof UserError) {
    return { body: errorBody(error.title, error.message), outcome: "user_error" };
  }
  const context = {
    interaction_id: interaction.id,
    command,
    guild_id: interaction.guild_id ?? null,
    error: describeError(error),
  };
  if (isDatabaseUnavailable(error)) {
    log.error("interaction.database_unavailable", context);
    return {
      body: errorBody(
        "Database error",
        `The database is not answering right now, so nothing was changed. Please try again in a minute (ref \`${interaction.id}\`).`,
      ),
      outcome: "error",
    };
  }
  log.error("interaction.failed", context);
  if (error instanceof MissingBotTokenError) {
    return {
      body: errorBody(
        "Not connected to Discord",
        "This command acts on the server through Discord, and this instance has no bot token (DISCORD_TOKEN). Nothing was changed.",
      ),
      outcome: "error",
    };
  }
  if (error instanceof DiscordRequestError) {
    return {
      body: errorBody(
        "Discord refused the request",
        `Discord answered ${error.status}, so the action did not complete (ref \`${interaction.id}\`).`,
      ),
      outcome: "error",
    };
  }
  return {
    body: errorBody("Something went wrong", `Something went wrong (ref \`${interaction.id}\`).`),
    outcome: "error",
  };
}
