import type { Deps } from "../ports/index.ts";

/** A piece of due work the scheduler settles; returns how many rows it settled. */
export interface ScheduledJob {
  /** Kebab-case; the key of its count in `POST /admin/scheduled` and in the logs. */
  name: string;
  run(deps: Deps, now: Date): Promise<number>;
}

/** Rows settled by each job of one run, or `"failed"` for a job that threw. */
export type ScheduledResults = Record<string, number | "failed">;
