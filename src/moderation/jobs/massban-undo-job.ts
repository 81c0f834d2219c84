import {
  findRequest,
  finishJob,
  type ModerationJob,
  recordStep,
} from "../../data/moderation/index.ts";
import { unbanningLine } from "../../domain/moderation/index.ts";
import { COLORS, embed } from "../../interactions/index.ts";
import type { Deps, MessageBody } from "../../ports/index.ts";
import { caseDetailsOf, unbanBatch } from "../ban-runner.ts";
import { jobSummaryBody } from "../massban-views.ts";
import { postCaseToModlog } from "../modlog-post.ts";
import type { JobHandler } from "./types.ts";

/** What the undo job shows while it runs. */
export interface MassbanUndoProgress {
  unbanned: number;
  gone: number;
  failed: number;
}

function progressBody(job: ModerationJob): MessageBody {
  return {
    embeds: [
      embed(`Undo — case #${job.caseNumber}`, unbanningLine(job.done, job.total), COLORS.info),
    ],
    components: [],
  };
}

async function requestOf(deps: Deps, job: ModerationJob) {
  const request = job.massbanRequestId ? await findRequest(deps.db, job.massbanRequestId) : null;
  if (request?.kind !== "unban") throw new Error(`undo job ${job.id} has no request`);
  return request;
}

/**
 * `/massban undo`: lifts the bans of a massban case in batches of 50 unbans a step, with the
 * run's adaptive lanes under the shared budget. The request row records who was unbanned (and
 * the undo case with it, in one transaction); its `next_index` moves only from the position
 * this run read, so a batch is recorded once even when a cut-off run's batch is sent again.
 */
export const massbanUndoJob: JobHandler = {
  async advance(deps, job, recorder) {
    const request = await requestOf(deps, job);
    if (request.state === "running" && request.nextIndex < request.targets.length) {
      const step = await unbanBatch(deps, request, recorder.lanes);
      const next = await recordStep(deps.db, request, step, caseDetailsOf);
      if (!next) return { kind: "lost" };
      const progress: MassbanUndoProgress = {
        unbanned: next.doneIds.length,
        gone: next.goneIds.length,
        failed: next.failed.length,
      };
      return recorder.record(job, {
        step: "unbanning",
        done: next.nextIndex,
        total: next.targets.length,
        progress,
      });
    }
    const finished = (await finishJob(deps.db, request, new Date(deps.clock.now()))) ?? request;
    if (finished.caseNumber !== null) postCaseToModlog(deps, finished.guildId, finished.caseNumber);
    const progress: MassbanUndoProgress = {
      unbanned: finished.doneIds.length,
      gone: finished.goneIds.length,
      failed: finished.failed.length,
    };
    return recorder.end(job, "done", jobSummaryBody(finished), progress);
  },
  progressBody,
};
