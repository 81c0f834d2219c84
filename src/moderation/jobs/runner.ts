import {
  claimLease,
  endJob,
  type ModerationJob,
  recordJobStep,
  releaseLease,
} from "../../data/moderation/index.ts";
import { voiceServiceStatus } from "../../data/music/voice-nodes.ts";
import { LaneController, MODERATION_JOB_TASK } from "../../domain/moderation/index.ts";
import { describeError } from "../../platform/logger.ts";
import type { Deps } from "../../ports/index.ts";
import { applicationIdOf } from "../actor.ts";
import { deliverSummary, editThroughToken } from "./deliver.ts";
import { withGlobalBudget } from "./discord-budget.ts";
import { jobHandlers } from "./handlers.ts";
import type { StepRecorder, StepResult } from "./types.ts";

/** Calls a job keeps in flight: adapting between these to the rate limits it meets. */
const MIN_LANES = 2;
const MAX_LANES = 16;
const START_LANES = 8;
/** A job whose runs keep dying (a bug, a guild gone) is given up after this many. */
const MAX_RUNS = 60;

/** How a run ended. */
export type RunOutcome = "finished" | "handed_over" | "busy" | "lost";

/** Who runs, and for how long. */
export interface RunOptions {
  /** `request:…`, `worker:…`, `scheduled:…` plus a random id: the lease holder's name. */
  owner: string;
  /** Stop (and hand over) after this long; null: until done (the long-lived worker). */
  budgetMs: number | null;
  leaseMs: number;
  /** False on the worker itself: handing over means re-queueing for it. */
  handOffToWorker?: boolean;
}

/** The configured lease and request budget. */
export function jobTimings(deps: Deps): { leaseMs: number; budgetMs: number } {
  return {
    leaseMs: deps.config.MODERATION_LEASE_MS,
    budgetMs: deps.config.MODERATION_RUN_BUDGET_MS,
  };
}

/** A fresh lease-holder name for a run in `where`. */
export function ownerName(deps: Deps, where: "request" | "worker" | "scheduled"): string {
  return `${where}:${deps.random.uuid()}`;
}

function recorderFor(deps: Deps, owner: string, leaseMs: number): StepRecorder {
  return {
    owner,
    lanes: new LaneController(MIN_LANES, MAX_LANES, START_LANES),
    async record(job, step) {
      const next = await recordJobStep(deps.db, job, owner, leaseMs, step);
      return next ? { kind: "progress", job: next } : { kind: "lost" };
    },
    async end(job, state, summary, progress) {
      const ended = await endJob(deps.db, job, owner, { state, summary, progress });
      return ended ? { kind: "finished", job: ended, summary } : { kind: "lost" };
    },
  };
}

/** Whether the long-lived worker (the voice-node, which runs the job queue) is alive. */
async function workerAlive(deps: Deps): Promise<boolean> {
  try {
    const status = await voiceServiceStatus(deps.db, new Date(deps.clock.now()));
    return status.gateway === "connected";
  } catch (error) {
    deps.log.warn("moderation.worker_status_unknown", { error: describeError(error) });
    return false;
  }
}

/**
 * Out of time: gives the lease back and queues the job for the long-lived worker when one
 * runs; otherwise the next scheduled run (cron, minute timer, POST /admin/scheduled) takes it.
 */
async function handOver(deps: Deps, job: ModerationJob, options: RunOptions): Promise<void> {
  await releaseLease(deps.db, job.id, options.owner);
  let toWorker = options.handOffToWorker !== false && (await workerAlive(deps));
  if (toWorker) {
    try {
      await deps.jobs.add(MODERATION_JOB_TASK, { jobId: job.id }, { maxAttempts: 8 });
    } catch (error) {
      // The scheduled run takes it instead; nothing is lost.
      deps.log.warn("moderation.job_enqueue_failed", {
        job_id: job.id,
        error: describeError(error),
      });
      toWorker = false;
    }
  }
  deps.log.info("moderation.job_handed_over", {
    job_id: job.id,
    kind: job.kind,
    done: job.done,
    total: job.total,
    to: toWorker ? "worker" : "scheduled",
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Works a job whose lease `owner` holds, step by step, until it is over or the budget is
 * spent (then hands it over). Discord calls go through the bot's shared global budget.
 */
export async function driveJob(
  deps: Deps,
  leased: ModerationJob,
  options: RunOptions,
): Promise<RunOutcome> {
  const handler = jobHandlers[leased.kind];
  if (!handler) throw new Error(`no handler for moderation job kind ${leased.kind}`);
  const jobDeps: Deps = {
    ...deps,
    discord: withGlobalBudget(deps.discord, {
      limiter: deps.limiter,
      applicationId: applicationIdOf(deps),
      now: () => deps.clock.now(),
      log: deps.log,
    }),
  };
  const recorder = recorderFor(deps, options.owner, options.leaseMs);
  const deadline =
    options.budgetMs === null ? Number.POSITIVE_INFINITY : deps.clock.now() + options.budgetMs;
  const token = leased.interactionToken;
  let job = leased;
  if (job.runs > MAX_RUNS) {
    deps.log.error("moderation.job_given_up", { job_id: job.id, runs: job.runs });
    const ended = await recorder.end(job, "failed", handler.progressBody(job));
    return ended.kind === "finished" ? "finished" : "lost";
  }
  for (;;) {
    if (deps.clock.now() >= deadline) {
      await handOver(deps, job, options);
      return "handed_over";
    }
    let result: StepResult;
    try {
      result = await handler.advance(jobDeps, job, recorder);
    } catch (error) {
      // Left for the next run: the step in flight is redone, each step being idempotent.
      await releaseLease(deps.db, job.id, options.owner);
      throw error;
    }
    switch (result.kind) {
      case "lost":
        deps.log.warn("moderation.job_lease_lost", { job_id: job.id, owner: options.owner });
        return "lost";
      case "wait":
        await pause(Math.max(10, Math.min(result.ms, deadline - deps.clock.now())));
        continue;
      case "finished":
        // A job no command started (a timed lockdown's end) has nobody to answer: its case
        // goes to the modlog.
        if (token !== null) await deliverSummary(deps, result.job, token, result.summary);
        deps.log.info("moderation.job_finished", {
          job_id: job.id,
          kind: job.kind,
          state: result.job.state,
          runs: result.job.runs,
        });
        return "finished";
      case "progress":
        job = result.job;
        // One edit a step: steps are sized so a 1000-id or 500-channel job makes ~20 edits.
        if (job.done < job.total) await editThroughToken(deps, job, handler.progressBody(job));
    }
  }
}

/** Takes the lease of job `id` and works it (see {@link driveJob}); `busy` when held elsewhere. */
export async function runModerationJob(
  deps: Deps,
  id: string,
  options: RunOptions,
): Promise<RunOutcome> {
  const leased = await claimLease(deps.db, { id, owner: options.owner, leaseMs: options.leaseMs });
  if (!leased) return "busy";
  return driveJob(deps, leased, options);
}
