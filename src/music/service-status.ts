import { voiceServiceStatus } from "../data/music/voice-nodes.ts";
import type { Deps } from "../ports/index.ts";

/** `/health`'s `gateway`: the voice-node heartbeat as the runbook words it. */
export async function gatewayStatus(deps: Deps): Promise<"connected" | "disconnected" | "unknown"> {
  return (await voiceServiceStatus(deps.db, new Date(deps.clock.now()))).gateway;
}
