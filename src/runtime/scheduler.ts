import type { ScheduledResults } from "../jobs/scheduled-job.ts";
import { describeError } from "../platform/logger.ts";
import type { Clock, Logger } from "../ports/index.ts";

/** How often the Node process runs the scheduled work, like the Workers cron (`* * * * *`). */
export const SCHEDULE_EVERY_MS = 60_000;

/**
 * The scheduled work of a long-lived process: a timer plus runs on demand, one at a time.
 * Jobs claim rows with `FOR UPDATE SKIP LOCKED`, so overlapping runs would be safe, but a slow
 * run (a resumed massban spends up to 20 s) must not pile up behind itself every minute.
 */
export interface Scheduler {
  /** Runs the work now, after any run in progress; resolves with that run's results. */
  runNow(now?: Date): Promise<ScheduledResults>;
  /** Starts ticking every `everyMs` (first tick right away); a tick during a run is skipped. */
  start(everyMs?: number): void;
  /** Stops the timer and waits for the run in progress. */
  stop(): Promise<void>;
}

/** Options of {@link createScheduler}. */
export interface SchedulerOptions {
  run(now: Date): Promise<ScheduledResults>;
  clock: Clock;
  log: Logger;
  /** False while the work cannot succeed (database not migrated yet): ticks are skipped. */
  ready?: () => boolean;
}

/** Serialises scheduled runs and drives them from a timer. */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { clock, log } = options;
  let tail: Promise<unknown> = Promise.resolve();
  let queued = 0;
  let timer: ReturnType<typeof setInterval> | undefined;

  const runNow = (now?: Date): Promise<ScheduledResults> => {
    queued++;
    const run = tail.then(() => options.run(now ?? new Date(clock.now())));
    tail = run.then(
      () => queued--,
      () => queued--,
    );
    return run;
  };

  const tick = () => {
    if (queued > 0) {
      log.warn("scheduled.tick_skipped", { reason: "the previous run is still going" });
      return;
    }
    if (options.ready && !options.ready()) {
      log.debug("scheduled.tick_skipped", { reason: "database not ready" });
      return;
    }
    runNow().catch((error: unknown) =>
      log.error("scheduled.failed", { error: describeError(error) }),
    );
  };

  return {
    runNow,
    start(everyMs = SCHEDULE_EVERY_MS) {
      if (timer) return;
      timer = setInterval(tick, everyMs);
      // The server keeps the process alive; the timer alone must not (tests, shutdown).
      timer.unref();
      setImmediate(() => {
        if (timer) tick();
      });
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await tail;
    },
  };
}
