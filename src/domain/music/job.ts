import { guildShard } from "./shards.ts";

/**
 * The task that ran every music job before sharding; a single-shard voice-node still serves
 * it, so jobs an older edge queued during a deploy are not stranded.
 */
export const LEGACY_MUSIC_TASK = "music";

/** The graphile-worker task of a shard's music jobs: the runner picks jobs by task name. */
export function musicTask(shard: number): string {
  return `music_shard_${shard}`;
}

/** The task a guild's music jobs go to, with `shardCount` shards (VOICE_SHARD_COUNT). */
export function musicTaskFor(guildId: string, shardCount: number): string {
  return musicTask(guildShard(guildId, shardCount));
}

/**
 * The task of a shard's playlist uploads: long jobs, kept apart from the music commands (own
 * task, own runner slots) so a 1000-line file never delays a guild's skip.
 */
export function playlistTask(shard: number): string {
  return `playlist_shard_${shard}`;
}

/** The task a guild's playlist uploads go to, with `shardCount` shards. */
export function playlistTaskFor(guildId: string, shardCount: number): string {
  return playlistTask(guildShard(guildId, shardCount));
}

/** A guild's uploads run one at a time, beside (not behind) its music commands. */
export function playlistQueueName(guildId: string): string {
  return `playlist:${guildId}`;
}

/** Every music task name with `shardCount` shards (queue depth counts them all). */
export function allMusicTasks(shardCount: number): string[] {
  return [LEGACY_MUSIC_TASK, ...Array.from({ length: shardCount }, (_, shard) => musicTask(shard))];
}

/** Jobs of one guild share a queue, so they run one at a time and in order. */
export function musicQueueName(guildId: string): string {
  return `music:${guildId}`;
}

/** Actions that add to the queue and start playing: they follow `/music play`'s rules. */
export function startsPlayback(action: { type: string }): boolean {
  return (
    action.type === "play" || action.type === "playlist_load" || action.type === "playlist_upload"
  );
}

export const LOOP_MODES = ["off", "track", "queue"] as const;
export type LoopMode = (typeof LOOP_MODES)[number];

// The schema stays out of the edge's bundle: only the voice-node parses jobs.
export type { MusicAction, MusicActionType, MusicJob } from "./job-schema.ts";
