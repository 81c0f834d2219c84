import { MUSIC_TASK, type MusicJob, musicQueueName } from "../domain/music/job.ts";
import type { JobQueue } from "../ports/index.ts";

/**
 * Hands a music job to the voice-node. One queue per guild keeps a guild's commands in order;
 * two attempts at most, since a job that answers an interaction is useless once its token dies.
 */
export async function enqueueMusicJob(jobs: JobQueue, job: MusicJob): Promise<void> {
  await jobs.add(MUSIC_TASK, job, { queueName: musicQueueName(job.guildId), maxAttempts: 2 });
}

/** Music jobs waiting or running, for the edge's queue-depth gauge. */
export function musicQueueDepth(jobs: JobQueue): Promise<number> {
  return jobs.depth([MUSIC_TASK]);
}
