import type { LavalinkManager, LavalinkNode } from "lavalink-client";
import { leastLoadedNode } from "../../domain/music/node-choice.ts";
import type { AudioNodeStatus, ResumedPlayer } from "../../ports/index.ts";

/** Connected, with a session, and answering pings. */
export function isUp(node: LavalinkNode): boolean {
  return Boolean(node.connected && node.sessionId && node.isAlive);
}

function playersByNode(manager: LavalinkManager): Map<string, number> {
  const counts = new Map<string, number>();
  for (const player of manager.players.values()) {
    counts.set(player.node.id, (counts.get(player.node.id) ?? 0) + 1);
  }
  return counts;
}

/** Every configured node: up or not, its session, and the players this process has on it. */
export function nodeStatuses(manager: LavalinkManager): AudioNodeStatus[] {
  const players = playersByNode(manager);
  return [...manager.nodeManager.nodes.values()].map((node) => ({
    name: node.id,
    up: isUp(node),
    sessionId: node.sessionId ?? null,
    players: players.get(node.id) ?? 0,
  }));
}

/** Where a new player goes: the least loaded node with a session (null when none is). */
export function leastLoadedReadyNode(manager: LavalinkManager): LavalinkNode | null {
  const players = playersByNode(manager);
  const all = [...manager.nodeManager.nodes.values()];
  const name = leastLoadedNode(
    all.map((node) => ({
      name: node.id,
      up: Boolean(node.connected && node.sessionId),
      players: players.get(node.id) ?? 0,
      reportedPlayers: node.stats?.players ?? 0,
      cpuLoad: node.stats?.cpu?.lavalinkLoad ?? 0,
    })),
  );
  return all.find((node) => node.id === name) ?? null;
}

/** The players a resumed session still holds. */
export async function fetchSurvivors(node: LavalinkNode): Promise<ResumedPlayer[]> {
  const list: unknown = await node.fetchAllPlayers();
  return (Array.isArray(list) ? list : []).map((p) => ({
    node: node.id,
    guildId: String(p.guildId),
    encoded: typeof p.track?.encoded === "string" ? p.track.encoded : null,
    positionMs: Number(p.state?.position ?? 0),
    paused: p.paused === true,
  }));
}
