/** The Discord gateway session of the voice-node, as the music feature sees it. */
export interface VoiceGateway {
  status(): "connected" | "connecting" | "disconnected";
  /** Reconnections since start (for the metrics). */
  reconnects(): number;
  /** Sessions to resume after a restart, by shard. */
  sessions(): Record<string, unknown>;
}
