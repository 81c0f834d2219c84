export {
  type GatewayRecord,
  type GatewaySim,
  type GatewaySimOptions,
  startGatewaySim,
  type VoiceJoinBehaviour,
} from "./server.ts";
export { simVoiceWorld } from "./sim-world.ts";
export { MemoryVoiceWorld, type SimGuild, type SimVoiceState, type VoiceWorld } from "./world.ts";
