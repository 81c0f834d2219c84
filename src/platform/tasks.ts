import type { Background, Logger } from "../ports/index.ts";
import { describeError } from "./logger.ts";

/**
 * Tracks work that runs after the response. `idle()` resolves once every task, including
 * tasks started by other tasks, has finished; failures are logged, never swallowed silently.
 */
export class TaskTracker implements Background {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly log: Logger) {}

  run(event: string, work: () => Promise<unknown>): void {
    const task = (async () => {
      try {
        await work();
      } catch (error) {
        this.log.error(event, { error: describeError(error) });
      }
    })();
    this.running.add(task);
    void task.finally(() => this.running.delete(task));
  }

  /** Resolves when nothing is running. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running);
  }
}
