import type { WebSocket } from "ws";
import { SimPlayer } from "./player.ts";

/** A Lavalink session: its players outlive the socket while resuming is on. */
export class SimSession {
  readonly players = new Map<string, SimPlayer>();
  socket: WebSocket | null = null;
  resuming = false;
  /** Seconds Lavalink keeps a disconnected resumable session. */
  timeoutSeconds = 60;
  /** Messages produced while disconnected, replayed on resume. */
  readonly queued: string[] = [];
  expiry: NodeJS.Timeout | null = null;

  constructor(
    readonly id: string,
    readonly userId: string,
  ) {}

  player(guildId: string): SimPlayer {
    let player = this.players.get(guildId);
    if (!player) {
      player = new SimPlayer(guildId);
      this.players.set(guildId, player);
    }
    return player;
  }

  /** Sends now, or queues while a resumable session waits for its client. */
  send(message: Record<string, unknown>): void {
    const text = JSON.stringify(message);
    if (this.socket && this.socket.readyState === this.socket.OPEN) this.socket.send(text);
    else if (this.resuming) this.queued.push(text);
  }
}
