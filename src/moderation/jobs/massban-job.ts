import {
  findRequest,
  finishJob,
  type ModerationJob,
  recordStep,
} from "../../data/moderation/index.ts";
import { banningLine } from "../../domain/moderation/index.ts";
import { COLORS, embed } from "../../interactions/index.ts";
import type { Deps, MessageBody } from "../../ports/index.ts";
import { banChunk, caseDetailsOf } from "../ban-runner.ts";
import { jobSummaryBody } from "../massban-views.ts";
import { postCaseToModlog } from "../modlog-post.ts";
import type { JobHandler } from "./types.ts";

/** What the ban job shows while it runs. */
interface MassbanJobProgress {
  banned: number;
  failed: number;
}

function progressBody(job: ModerationJob): MessageBody {
  const { banned } = { banned: 0, ...(job.progress as Partial<MassbanJobProgress>) };
  return {
    embeds: [
      embed(
        `Massban — case #${job.caseNumber}`,
        banningLine(job.done, job.total, banned),
        COLORS.info,
      ),
    ],
    components: [],
  };
}

async function requestOf(deps: Deps, job: ModerationJob) {
  const request = job.massbanRequestId ? await findRequest(deps.db, job.massbanRequestId) : null;
  if (!request) throw new Error(`massban job ${job.id} has no request`);
  return request;
}

/**
 * A confirmed massban: one bulk-ban call of at most 200 ids a step. The request row keeps
 * who was banned (and the case with it, in the same transaction) and marks a chunk in flight
 * before it is sent, so a run cut off mid-call re-checks that chunk instead of guessing.
 */
export const massbanJob: JobHandler = {
  async advance(deps, job, recorder) {
    const request = await requestOf(deps, job);
    if (request.state === "running" && request.nextIndex < request.targets.length) {
      const step = await banChunk(deps, request);
      const next = step && (await recordStep(deps.db, request, step, caseDetailsOf));
      if (!next) return { kind: "lost" };
      return recorder.record(job, {
        step: "banning",
        done: next.nextIndex,
        total: next.targets.length,
        progress: { banned: next.doneIds.length, failed: next.failed.length },
      });
    }
    const finished = (await finishJob(deps.db, request, new Date(deps.clock.now()))) ?? request;
    if (finished.caseNumber !== null) postCaseToModlog(deps, finished.guildId, finished.caseNumber);
    return recorder.end(job, "done", jobSummaryBody(finished), {
      banned: finished.doneIds.length,
      failed: finished.failed.length,
    });
  },
  progressBody,
};
