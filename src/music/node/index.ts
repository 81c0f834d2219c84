export type { MusicNodeContext, MusicNodeMetrics, MusicTimings } from "./context.ts";
export { createMusicNode, type MusicNode, type MusicNodeOptions } from "./music-node.ts";
