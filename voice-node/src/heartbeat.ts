import { writeHeartbeat } from "../../src/data/music/voice-nodes.ts";
import { HEARTBEAT_INTERVAL_MS } from "../../src/domain/music/limits.ts";
import { describeError } from "../../src/platform/logger.ts";
import type { AudioService, Clock, Database, Logger, VoiceGateway } from "../../src/ports/index.ts";
import { VERSION } from "../../src/version.ts";

/**
 * Writes the voice-node's heartbeat row every 15 s: what the edge reads to tell whether music
 * can work (and the sessions a restarted process resumes).
 */
export class HeartbeatWriter {
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly options: {
      id: string;
      db: Database;
      gateway: VoiceGateway;
      audio: AudioService;
      clock: Clock;
      log: Logger;
      /** VOICE_NODE_SHARDS as written to the row (`0,1/4`); null when unsharded. */
      shards: string | null;
      intervalMs?: number;
    },
  ) {}

  start(): void {
    void this.beat();
    this.timer = setInterval(
      () => void this.beat(),
      this.options.intervalMs ?? HEARTBEAT_INTERVAL_MS,
    );
    this.timer.unref();
  }

  /** Writes one heartbeat now (serialised with the periodic ones). */
  beat(): Promise<void> {
    const { id, db, gateway, audio, clock, log, shards } = this.options;
    this.writing = this.writing.then(async () => {
      try {
        await writeHeartbeat(db, {
          id,
          gateway: gateway.status(),
          lavalink: Object.fromEntries(
            audio.nodes().map((n) => [n.name, { up: n.up, sessionId: n.sessionId }]),
          ),
          gatewaySessions: gateway.sessions(),
          players: audio.playerCounts().players,
          shards,
          version: VERSION,
          at: new Date(clock.now()),
        });
      } catch (error) {
        log.warn("voice_node.heartbeat_failed", { error: describeError(error) });
      }
    });
    return this.writing;
  }

  stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    return this.writing;
  }
}
