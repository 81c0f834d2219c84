export {
  Catalog,
  decodeTrack,
  encodeTrack,
  type LavalinkTrack,
  type LoadResult,
  makeTrack,
  type TrackBehaviour,
  type TrackInfo,
  trackOf,
} from "./catalog.ts";
export { acceleratedClock, ManualClock, type SimClock } from "./clock.ts";
export type { SimPlayer, VoiceData } from "./player.ts";
export {
  type LavalinkRecord,
  type LavalinkSim,
  type LavalinkSimOptions,
  startLavalinkSim,
} from "./server.ts";
export type { SimSession } from "./session.ts";
