import type { ResumedPlayer } from "../../ports/index.ts";

type Emit = (node: string, resumed: boolean, players: readonly ResumedPlayer[]) => void;

/**
 * Holds the first `ready` of each node until every configured node has answered (ready, or
 * failed a first attempt) or `timeoutMs` passed, then reports them with all the survivors in
 * the first report: a player a resumed session on node B kept must not be rebuilt on node A
 * just because A was ready first. Later reports pass straight through.
 */
export class StartupBatch {
  private readonly waiting: Set<string>;
  private readonly held: { node: string; resumed: boolean; players: readonly ResumedPlayer[] }[] =
    [];
  private done = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    nodes: readonly string[],
    timeoutMs: number,
    private readonly emit: Emit,
  ) {
    this.waiting = new Set(nodes);
    this.timer = setTimeout(() => this.flush(), timeoutMs);
    this.timer.unref();
  }

  ready(node: string, resumed: boolean, players: readonly ResumedPlayer[]): void {
    if (this.done) {
      this.emit(node, resumed, players);
      return;
    }
    this.held.push({ node, resumed, players });
    this.answered(node);
  }

  /** A node could not be reached (or dropped) before its first `ready`. */
  answered(node: string): void {
    this.waiting.delete(node);
    if (!this.done && this.waiting.size === 0) this.flush();
  }

  private flush(): void {
    if (this.done) return;
    this.done = true;
    clearTimeout(this.timer);
    const all = this.held.flatMap((entry) => entry.players);
    this.held.forEach((entry, i) => {
      this.emit(entry.node, entry.resumed, i === 0 ? all : []);
    });
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}
