/** Options for {@link EventLog.waitFor}. */
export interface WaitForOptions {
  /** How long to wait before rejecting; default 2000 ms. */
  timeoutMs?: number;
  /** Only consider entries at or after this index (e.g. a `calls.length` taken earlier). */
  after?: number;
  /** Words naming what is awaited, used in the timeout message. */
  description?: string;
}

interface Waiter<T> {
  predicate: (entry: T) => boolean;
  resolve: (entry: T) => void;
}

/**
 * An append-only log whose entries can be awaited: the event-based replacement for sleeping in
 * tests. `waitFor` first looks at what already arrived, then resolves on the first matching entry
 * pushed later, or rejects after `timeoutMs` with a message listing what did arrive.
 */
export class EventLog<T> {
  readonly entries: T[] = [];
  readonly #waiters = new Set<Waiter<T>>();
  readonly #listeners = new Set<(entry: T) => void>();
  readonly #describe: (entry: T) => string;

  /** @param describe renders one entry for timeout messages. */
  constructor(describe: (entry: T) => string = (entry) => JSON.stringify(entry)) {
    this.#describe = describe;
  }

  /** Appends an entry, wakes matching waiters and notifies listeners. */
  push(entry: T): void {
    this.entries.push(entry);
    for (const waiter of [...this.#waiters]) {
      if (waiter.predicate(entry)) {
        this.#waiters.delete(waiter);
        waiter.resolve(entry);
      }
    }
    for (const listener of this.#listeners) listener(entry);
  }

  /** Forgets every entry (pending waiters keep waiting for new ones). */
  clear(): void {
    this.entries.length = 0;
  }

  /** Calls `listener` for every future entry; returns the unsubscribe function. */
  subscribe(listener: (entry: T) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Resolves with the first entry matching `predicate`, past (from `after`) or future. */
  waitFor(predicate: (entry: T) => boolean, options: WaitForOptions = {}): Promise<T> {
    const { timeoutMs = 2000, after = 0, description = "a matching entry" } = options;
    const existing = this.entries.slice(after).find(predicate);
    if (existing !== undefined) return Promise.resolve(existing);
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        predicate,
        resolve: (entry) => {
          clearTimeout(timer);
          resolve(entry);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        const seen = this.entries.map((entry) => `  - ${this.#describe(entry)}`).join("\n");
        reject(
          new Error(
            `Timed out after ${timeoutMs} ms waiting for ${description}; ` +
              `${this.entries.length} seen:\n${seen || "  (none)"}`,
          ),
        );
      }, timeoutMs);
      timer.unref?.();
      this.#waiters.add(waiter);
    });
  }
}
