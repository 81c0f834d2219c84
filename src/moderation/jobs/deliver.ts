import { type ModerationJob, modlogChannel } from "../../data/moderation/index.ts";
import { tokenAlive } from "../../domain/moderation/index.ts";
import { clampMessage } from "../../interactions/index.ts";
import { describeError } from "../../platform/logger.ts";
import type { Deps, MessageBody } from "../../ports/index.ts";

/** Edits the original response while the token lives; a failed edit never stops the job. */
export async function editThroughToken(deps: Deps, job: ModerationJob, body: MessageBody) {
  if (!job.interactionToken || !tokenAlive(job.tokenExpiresAt, deps.clock.now())) return false;
  try {
    await deps.discord.interactions.editOriginal(job.interactionToken, clampMessage(body));
    return true;
  } catch (error) {
    deps.log.warn("moderation.job_edit_failed", { job_id: job.id, error: describeError(error) });
    return false;
  }
}

/**
 * Shows the final summary: an edit of the original response while its token lives; once it
 * is gone (a job that outlived it), a message in the modlog channel, or else where the
 * command was run, so the result is never lost.
 */
export async function deliverSummary(
  deps: Deps,
  job: ModerationJob,
  token: string | null,
  summary: MessageBody,
) {
  const withToken = { ...job, interactionToken: token };
  if (await editThroughToken(deps, withToken, summary)) return;
  const channelId = (await modlogChannel(deps.db, job.guildId)) ?? job.channelId;
  if (!channelId) return;
  const { embeds, content } = clampMessage(summary);
  try {
    await deps.discord.channels.createMessage(channelId, {
      content: content ?? `<@${job.moderatorId}>, your ${job.kind.replace("_", " ")} finished:`,
      embeds,
      allowed_mentions: { users: [job.moderatorId] },
    });
  } catch (error) {
    deps.log.warn("moderation.job_summary_post_failed", {
      job_id: job.id,
      error: describeError(error),
    });
  }
}
