import type { ModerationJob } from "../../data/moderation/index.ts";
import type { JobState, LaneController } from "../../domain/moderation/index.ts";
import type { Deps, MessageBody } from "../../ports/index.ts";

/** What one step of a job did. */
export type StepResult =
  /** Recorded; `job` is the row as it is now. */
  | { kind: "progress"; job: ModerationJob }
  /** Nothing to do yet (an unlock waiting for a lockdown to stop): ask again after `ms`. */
  | { kind: "wait"; ms: number }
  /** Over: the job row is ended with `summary`. */
  | { kind: "finished"; job: ModerationJob; summary: MessageBody }
  /** The lease went to another process: stop at once, it carries on. */
  | { kind: "lost" };

/** What a step may record: only while the runner holds the lease. */
export interface StepRecorder {
  readonly owner: string;
  /** Calls in flight for this run, adapting to rate-limit holds (kept across its steps). */
  readonly lanes: LaneController;
  record(
    job: ModerationJob,
    step: { step?: string; done?: number; total?: number; progress?: unknown; caseNumber?: number },
  ): Promise<StepResult>;
  end(
    job: ModerationJob,
    state: Exclude<JobState, "running">,
    summary: MessageBody,
    progress?: unknown,
  ): Promise<StepResult>;
}

/** One kind of long moderation job. */
export interface JobHandler {
  /** Does the next step (a batch of channels, a chunk of bans…) and records it. */
  advance(deps: Deps, job: ModerationJob, recorder: StepRecorder): Promise<StepResult>;
  /** The message shown while it runs. */
  progressBody(job: ModerationJob): MessageBody;
}
