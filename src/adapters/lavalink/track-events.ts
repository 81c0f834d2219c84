import type { AudioEvents, Logger, TrackEndReason } from "../../ports/index.ts";

/** The raw WebSocket payloads of Lavalink v4 this adapter reads. */
export type RawPayload = {
  op?: string;
  guildId?: string;
  type?: string;
  reason?: TrackEndReason;
  track?: { encoded?: string };
  exception?: { message?: string };
  state?: { position?: number };
  resumed?: boolean;
  sessionId?: string;
  code?: number;
};

/**
 * Turns a player's `playerUpdate` or `event` payload into the music feature's events, reading
 * the raw payload (lavalink-client passes the new track as `trackEnd`'s for `replaced`).
 * `current` is the track each guild's player holds; a track end clears it.
 */
export function forwardPlayerPayload(
  payload: RawPayload,
  current: Map<string, string | null>,
  events: AudioEvents | null,
  log: Logger,
): void {
  const guildId = payload.guildId;
  if (!guildId || !events) return;
  if (payload.op === "playerUpdate") {
    if (typeof payload.state?.position === "number")
      events.position(guildId, payload.state.position, Date.now());
    return;
  }
  const encoded = payload.track?.encoded;
  switch (payload.type) {
    case "TrackEndEvent":
      if (!encoded) return;
      if (current.get(guildId) === encoded && payload.reason !== "replaced")
        current.set(guildId, null);
      events.trackEnd(guildId, encoded, payload.reason ?? "finished");
      return;
    case "TrackExceptionEvent":
      if (encoded)
        events.trackException(guildId, encoded, payload.exception?.message ?? "unknown error");
      return;
    case "TrackStuckEvent":
      if (encoded) events.trackStuck(guildId, encoded);
      return;
    case "WebSocketClosedEvent":
      log.warn("lavalink.voice_socket_closed", { guildId, code: payload.code });
      return;
    default:
      return;
  }
}
