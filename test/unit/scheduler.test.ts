import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ScheduledResults } from "../../src/jobs/index.ts";
import { createLogger } from "../../src/platform/logger.ts";
import { createScheduler } from "../../src/runtime/scheduler.ts";

/** A scheduled "run" the test finishes by hand, so overlap is decided by the test, not by time. */
function controlledWork() {
  const started: Date[] = [];
  const finishers: (() => void)[] = [];
  let running = 0;
  let maxRunning = 0;
  const run = (now: Date) => {
    started.push(now);
    running++;
    maxRunning = Math.max(maxRunning, running);
    return new Promise<ScheduledResults>((resolve) => {
      finishers.push(() => {
        running--;
        resolve({ "end-timed-lockdowns": started.length });
      });
    });
  };
  return {
    run,
    started,
    finishNext: () => finishers.shift()?.(),
    get maxRunning() {
      return maxRunning;
    },
  };
}

const lines: string[] = [];
const log = createLogger({ level: "debug", write: (line) => lines.push(line) });
const clock = { now: () => Date.now() };

beforeEach(() => {
  vi.useFakeTimers();
  lines.length = 0;
});
afterEach(() => vi.useRealTimers());

describe("the Node scheduler", () => {
  it("runs the work right after start and then every interval", async () => {
    const work = controlledWork();
    const scheduler = createScheduler({ run: work.run, clock, log });
    scheduler.start(60_000);
    await vi.advanceTimersByTimeAsync(0);
    expect(work.started).toHaveLength(1);
    work.finishNext();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(work.started).toHaveLength(2);
    work.finishNext();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(work.started).toHaveLength(3);
    work.finishNext();
    await scheduler.stop();
  });

  it("never runs twice at once: ticks during a slow run are skipped", async () => {
    const work = controlledWork();
    const scheduler = createScheduler({ run: work.run, clock, log });
    scheduler.start(60_000);
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    expect(work.started).toHaveLength(1);
    expect(lines.filter((l) => l.includes("scheduled.tick_skipped"))).toHaveLength(3);
    work.finishNext();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(work.started).toHaveLength(2);
    work.finishNext();
    await scheduler.stop();
    expect(work.maxRunning).toBe(1);
  });

  it("runs on demand after the run in progress, with that run's own results", async () => {
    const work = controlledWork();
    const scheduler = createScheduler({ run: work.run, clock, log });
    const first = scheduler.runNow(new Date(1000));
    const second = scheduler.runNow(new Date(2000));
    await vi.advanceTimersByTimeAsync(0);
    expect(work.started.map((d) => d.getTime())).toEqual([1000]);
    work.finishNext();
    expect(await first).toEqual({ "end-timed-lockdowns": 1 });
    await vi.advanceTimersByTimeAsync(0);
    expect(work.started.map((d) => d.getTime())).toEqual([1000, 2000]);
    work.finishNext();
    expect(await second).toEqual({ "end-timed-lockdowns": 2 });
    expect(work.maxRunning).toBe(1);
  });

  it("skips ticks while the database is not ready", async () => {
    const work = controlledWork();
    let ready = false;
    const scheduler = createScheduler({ run: work.run, clock, log, ready: () => ready });
    scheduler.start(60_000);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(work.started).toHaveLength(0);
    ready = true;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(work.started).toHaveLength(1);
    work.finishNext();
    await scheduler.stop();
  });

  it("keeps ticking after a run fails, and logs the failure", async () => {
    let calls = 0;
    const scheduler = createScheduler({
      run: async () => {
        calls++;
        throw new Error("scope could not open");
      },
      clock,
      log,
    });
    scheduler.start(60_000);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toBe(2);
    expect(lines.filter((l) => l.includes('"scheduled.failed"'))).toHaveLength(2);
    await scheduler.stop();
  });

  it("stops ticking on stop, after waiting for the run in progress", async () => {
    const work = controlledWork();
    const scheduler = createScheduler({ run: work.run, clock, log });
    scheduler.start(60_000);
    await vi.advanceTimersByTimeAsync(0);
    let stopped = false;
    const stopping = scheduler.stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    work.finishNext();
    await stopping;
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(work.started).toHaveLength(1);
  });
});
