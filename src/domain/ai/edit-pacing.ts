/**
 * Paces message edits while an answer streams: at most one edit per `intervalMs`, and only
 * when the text changed since the last one.
 */
export class EditPacer {
  private lastAt = Number.NEGATIVE_INFINITY;
  private lastText = "";

  constructor(private readonly intervalMs: number) {}

  /** True when an edit showing `text` may go out at `now`; records it as sent. */
  take(text: string, now: number): boolean {
    if (text === this.lastText || now - this.lastAt < this.intervalMs) return false;
    this.lastAt = now;
    this.lastText = text;
    return true;
  }

  /**
   * Records when the last edit finished: the interval counts from there, so edits also arrive
   * at least `intervalMs` apart however long each request took.
   */
  finished(now: number): void {
    this.lastAt = Math.max(this.lastAt, now);
  }

  /** Milliseconds until the next edit may go out. */
  waitMs(now: number): number {
    return Math.max(0, this.lastAt + this.intervalMs - now);
  }
}
