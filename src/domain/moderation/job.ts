/** The worker's task that carries long moderation jobs on (registered on the voice-node). */
export const MODERATION_JOB_TASK = "moderation_job";

/** The long moderation jobs: each runs as steps recorded in Postgres. */
export type JobKind = "lockdown" | "unlock" | "massban_preview" | "massban" | "massban_undo";
/** A job runs until it is done, stopped (cancelled) or cannot go on (failed). */
export type JobState = "running" | "done" | "cancelled" | "failed";

/** Discord keeps an interaction token usable for 15 minutes. */
export const INTERACTION_TOKEN_TTL_MS = 15 * 60_000;
/** Edits stop this long before the token dies, so a slow last edit is not lost in flight. */
export const TOKEN_MARGIN_MS = 30_000;

/** Whether a job can still edit its original response. */
export function tokenAlive(expiresAt: Date | null, now: number): boolean {
  return expiresAt !== null && expiresAt.getTime() - TOKEN_MARGIN_MS > now;
}

const KIND_LABEL: Record<JobKind, string> = {
  lockdown: "Server lockdown",
  unlock: "Server unlock",
  massban_preview: "Massban preview",
  massban: "Massban",
  massban_undo: "Massban undo",
};

const STEP_LABEL: Record<string, string> = {
  locking: "locking channels",
  waiting: "waiting for the lockdown to stop",
  restoring: "restoring channels",
  checking: "checking members",
  banning: "banning",
  unbanning: "lifting bans",
  done: "done",
  cancelled: "stopped",
  failed: "failed",
};

/** "Server lockdown: locking channels, 120 of 500" — a job's state in one line. */
export function jobStateLine(job: {
  kind: JobKind;
  state: JobState;
  step: string;
  done: number;
  total: number;
}): string {
  const step = STEP_LABEL[job.step] ?? job.step;
  const count = job.total > 0 ? `, ${job.done} of ${job.total}` : "";
  return `${KIND_LABEL[job.kind]}: ${step}${count}`;
}
