import {
  allMusicTasks,
  type MusicJob,
  musicQueueName,
  musicTaskFor,
  playlistQueueName,
  playlistTaskFor,
} from "../domain/music/job.ts";
import type { JobQueue } from "../ports/index.ts";

/**
 * Hands a music job to the voice-node that holds the guild's shard (`shardCount` is
 * VOICE_SHARD_COUNT). One queue per guild keeps a guild's commands in order; two attempts at
 * most, since a job that answers an interaction is useless once its token dies.
 */
export async function enqueueMusicJob(
  jobs: JobQueue,
  job: MusicJob,
  shardCount: number,
): Promise<void> {
  await jobs.add(musicTaskFor(job.guildId, shardCount), job, {
    queueName: musicQueueName(job.guildId),
    maxAttempts: 2,
  });
}

/** Music jobs waiting or running, for the edge's queue-depth gauge. */
export function musicQueueDepth(jobs: JobQueue, shardCount: number): Promise<number> {
  return jobs.depth(allMusicTasks(shardCount));
}

/**
 * Hands a playlist upload to the voice-node holding the guild's shard. Its own task and queue
 * (one upload at a time per guild, beside its commands); ten attempts, since each voice-node
 * restart mid-upload spends one and the upload resumes from its cursor.
 */
export async function enqueuePlaylistUpload(
  jobs: JobQueue,
  job: MusicJob,
  shardCount: number,
): Promise<void> {
  await jobs.add(playlistTaskFor(job.guildId, shardCount), job, {
    queueName: playlistQueueName(job.guildId),
    maxAttempts: 10,
  });
}
