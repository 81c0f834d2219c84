export type { MusicNodeContext, MusicNodeMetrics, MusicTimings } from "./context.ts";
export { createMusicNode, type MusicNode, type MusicNodeOptions } from "./music-node.ts";
export { VOICE_NODE_SPEECH_OUTCOMES, type VoiceNodeSpeechOutcome } from "./speak.ts";
