import type { Progress } from "../interactions/index.ts";
import { describeError } from "../platform/logger.ts";
import type { Deps, MessageBody } from "../ports/index.ts";

/** Who is acting: id and a name for audit-log reasons. */
export interface Moderator {
  id: string;
  name: string;
}

/**
 * The application whose jobs and lockdowns this deployment runs: rows record it, so a job is
 * only ever resumed with the token of the bot that started it.
 */
export function applicationIdOf(deps: Deps): string {
  return deps.config.DISCORD_APPLICATION_ID ?? "0";
}

/**
 * Edits the progress message, logging instead of failing: a progress edit that does not
 * arrive (token expired, Discord busy) must never stop a half-done moderation action.
 */
export async function showProgress(
  deps: Deps,
  progress: Pick<Progress, "edit">,
  body: MessageBody,
): Promise<void> {
  try {
    await progress.edit(body);
  } catch (error) {
    deps.log.warn("moderation.progress_edit_failed", { error: describeError(error) });
  }
}
