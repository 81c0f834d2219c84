/**
 * Decides when a dropped Lavalink node counts as dead. A socket drop alone is not death: the
 * session resumes within seconds and its players play on. A node still down after `graceMs`
 * is given up on, and its players move (when another node is up to take them). A node that
 * was given up on stays so until it is back, so a node coming up later can take its players.
 */
export class NodeFailover {
  private readonly droppedAt = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly graceMs: number,
    /** Called once the grace expired (and again whenever {@link retry} is asked). */
    private readonly onDead: (node: string, droppedAt: number) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** The node's socket closed (repeated drops while down keep the first time). */
  dropped(node: string): void {
    if (this.droppedAt.has(node)) return;
    this.droppedAt.set(node, this.now());
    const timer = setTimeout(() => {
      this.timers.delete(node);
      this.onDead(node, this.droppedAt.get(node) ?? this.now());
    }, this.graceMs);
    timer.unref();
    this.timers.set(node, timer);
  }

  /** The node has a session again. */
  recovered(node: string): void {
    this.droppedAt.delete(node);
    const timer = this.timers.get(node);
    if (timer) clearTimeout(timer);
    this.timers.delete(node);
  }

  /** Calls back for every node down past its grace (another node just came up). */
  retry(): void {
    for (const [node, at] of this.droppedAt) {
      if (!this.timers.has(node)) this.onDead(node, at);
    }
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
