/** The graphile-worker task that runs music jobs. */
export const MUSIC_TASK = "music";

/** Jobs of one guild share a queue, so they run one at a time and in order. */
export function musicQueueName(guildId: string): string {
  return `music:${guildId}`;
}

export const LOOP_MODES = ["off", "track", "queue"] as const;
export type LoopMode = (typeof LOOP_MODES)[number];

// The schema stays out of the edge's bundle: only the voice-node parses jobs.
export type { MusicAction, MusicActionType, MusicJob } from "./job-schema.ts";
