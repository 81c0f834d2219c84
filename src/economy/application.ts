import type { Deps } from "../ports/index.ts";

/**
 * The application this deployment runs as. Rows whose message the bot edits later (games,
 * heists, auctions) record it, and scheduled work settles only its own: another bot sharing
 * the database could not edit the message.
 */
export function applicationOf(deps: Deps): string {
  return deps.config.DISCORD_APPLICATION_ID ?? "0";
}
