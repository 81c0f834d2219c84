import { LavalinkManager } from "lavalink-client";
import type { LavalinkAudioOptions } from "./lavalink-audio.ts";

/**
 * lavalink-client's manager, set up for how this adapter drives it: players never skip, move,
 * reconnect or die on their own (the music feature decides, from Postgres), reconnects retry
 * forever (the adapter backs off), and plugin checks are off (they cost a request per node).
 */
export function createLavalinkManager(
  options: LavalinkAudioOptions,
  timing: { retryDelayMs: number; requestTimeoutMs: number },
): LavalinkManager {
  return new LavalinkManager({
    nodes: options.nodes.map((node) => ({
      id: node.name,
      host: node.host,
      port: node.port,
      authorization: node.password,
      secure: node.secure,
      sessionId: options.sessionIds?.[node.name],
      retryAmount: Number.POSITIVE_INFINITY,
      retryDelay: timing.retryDelayMs,
      requestSignalTimeoutMS: timing.requestTimeoutMs,
      heartBeatInterval: 30_000,
      enablePingOnStatsCheck: true,
      closeOnError: false,
      autoChecks: { sourcesValidations: false, pluginValidations: false },
    })),
    sendToShard: (guildId, payload) => options.sendToShard(guildId, payload),
    client: { id: options.botUserId, username: "Chopsticks" },
    autoSkip: false,
    autoMove: false,
    playerOptions: {
      onDisconnect: { autoReconnect: false, destroyPlayer: false },
      maxErrorsPerTime: { threshold: 0, maxAmount: -1 },
      clientBasedPositionUpdateInterval: 0,
    },
    queueOptions: { maxPreviousTracks: 0 },
  });
}
