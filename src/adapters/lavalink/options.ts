import type { Logger } from "../../ports/index.ts";

/** One Lavalink node from LAVALINK_NODES. */
export interface LavalinkNodeConfig {
  name: string;
  host: string;
  port: number;
  password: string;
  secure: boolean;
}

/** Options of {@link LavalinkAudio}. */
export interface LavalinkAudioOptions {
  nodes: readonly LavalinkNodeConfig[];
  botUserId: string;
  /** Sends a gateway payload (op 4) on the guild's shard. */
  sendToShard: (guildId: string, payload: unknown) => void;
  /** Sessions saved by a previous process, by node name: resumed when Lavalink kept them. */
  sessionIds?: Readonly<Record<string, string>>;
  log: Logger;
  /** REST timeout; default 5 s. */
  requestTimeoutMs?: number;
  /** Told when a node connects or drops (the heartbeat reports it at once). */
  onNodeChange?: () => void;
  /**
   * How long a dropped node may take to come back (resuming its session, players playing on)
   * before its players move to another node; default 3 s.
   */
  failoverGraceMs?: number;
}
