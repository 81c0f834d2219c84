/** What is known about an audio node when a new player needs a home. */
export interface NodeLoad {
  name: string;
  /** Connected with a session: can take players now. */
  up: boolean;
  /** Players this process holds on it (known at once, unlike the node's own stats). */
  players: number;
  /** Players the node reports for all its clients (its last `stats`, up to a minute old). */
  reportedPlayers: number;
  /** The node's own CPU load, 0–1 (its last `stats`). */
  cpuLoad: number;
}

/**
 * The least loaded node that is up: fewest players of ours, then fewest players the node
 * reports (other clients share it), then lowest CPU; ties go to the first configured. Null
 * when none is up.
 */
export function leastLoadedNode(nodes: readonly NodeLoad[]): string | null {
  let best: NodeLoad | null = null;
  for (const node of nodes) {
    if (!node.up) continue;
    if (
      !best ||
      node.players < best.players ||
      (node.players === best.players &&
        (node.reportedPlayers < best.reportedPlayers ||
          (node.reportedPlayers === best.reportedPlayers && node.cpuLoad < best.cpuLoad)))
    ) {
      best = node;
    }
  }
  return best?.name ?? null;
}
