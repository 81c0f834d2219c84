import {
  findUpload,
  lockUpload,
  recordBatch,
  setUploadStatus,
} from "../../../data/music/uploads.ts";
import type { MusicPlaylistUploadRow } from "../../../db/schema.ts";
import { type MusicJob, parseMusicJob } from "../../../domain/music/job-schema.ts";
import { describeError } from "../../../platform/logger.ts";
import type { JobInfo } from "../../../ports/index.ts";
import type { MusicNodeContext } from "../context.ts";
import { admit, queueTracks } from "../queue-tracks.ts";
import { queueEntriesOf, resolveEntries } from "./resolve-entries.ts";
import { UploadMessenger } from "./upload-messenger.ts";
import { uploadDoneBody, uploadProgressBody, uploadStoppedBody } from "./upload-views.ts";

/** How an upload works through its file. */
export interface UploadSettings {
  /** Entries resolved (and appended) together; the cursor moves by one batch at a time. */
  batchSize: number;
  /** Lavalink loads at once within a batch. */
  concurrency: number;
  /** Least time between two progress edits. */
  editGapMs: number;
}

export const UPLOAD_DEFAULTS: UploadSettings = { batchSize: 25, concurrency: 5, editGapMs: 1500 };

/**
 * Thrown between batches while the voice-node shuts down: the job fails (without a detail
 * that could carry a secret) and runs again on the next process, from the saved cursor.
 */
class UploadPaused extends Error {
  override name = "UploadPaused";
}

/**
 * The playlist upload task: resolves the stored entries in batches through Lavalink and
 * appends each batch in file order, moving the upload's cursor in the same transaction, so a
 * crash or restart resumes exactly after the last batch appended. Progress is edited into the
 * response ("resolved 240/612, 3 not found").
 */
export function playlistUploadTask(
  ctx: MusicNodeContext,
  settings: UploadSettings,
  draining: () => boolean,
) {
  return async (payload: unknown, info: JobInfo): Promise<void> => {
    ctx.metrics.jobPickup("playlist", Math.max(0, ctx.clock.now() - info.runAt.getTime()));
    const parsed = parseMusicJob(payload);
    const action = parsed.ok ? parsed.job.action : null;
    if (!parsed.ok || action?.type !== "playlist_upload") {
      ctx.log.error("music.upload_job_malformed", {
        jobId: info.id,
        problem: parsed.ok ? "not an upload" : parsed.problem,
      });
      ctx.metrics.jobDone("playlist_upload", "dropped");
      return;
    }
    const { job } = parsed;
    const upload = await findUpload(ctx.db, action.uploadId);
    if (!upload || upload.guildId !== job.guildId) {
      ctx.log.error("music.upload_missing", { jobId: info.id, uploadId: action.uploadId });
      ctx.metrics.jobDone("playlist_upload", "dropped");
      return;
    }
    if (upload.status === "done" || upload.status === "failed") return;
    const messenger = new UploadMessenger(ctx, job, upload, settings.editGapMs);
    try {
      const outcome = await runUpload(ctx, job, upload, messenger, settings, draining);
      ctx.metrics.jobDone("playlist_upload", outcome);
    } catch (error) {
      if (error instanceof UploadPaused) {
        ctx.log.info("music.upload_paused", { uploadId: upload.id });
        throw new Error("playlist upload paused for a restart");
      }
      ctx.log.error("music.upload_failed", {
        uploadId: upload.id,
        attempt: info.attempt,
        error: describeError(error),
      });
      ctx.metrics.jobDone("playlist_upload", "error");
      if (info.attempt >= info.maxAttempts) {
        const last = (await findUpload(ctx.db, upload.id)) ?? upload;
        await messenger.final(
          uploadStoppedBody(last, "the music service kept failing. Try again later."),
        );
        await setUploadStatus(ctx.db, upload.id, "failed");
      }
      throw new Error(`playlist upload failed (${error instanceof Error ? error.name : "error"})`);
    }
  };
}

async function runUpload(
  ctx: MusicNodeContext,
  job: MusicJob,
  first: MusicPlaylistUploadRow,
  messenger: UploadMessenger,
  settings: UploadSettings,
  draining: () => boolean,
): Promise<"ok" | "refused"> {
  let upload = first;
  const { guildId } = job;
  // The gateway's view of the user's channel is fresher than the edge's REST look-up.
  const seen = ctx.voice.channelOf(guildId, job.userId);
  const request = { ...job, userChannelId: seen === undefined ? job.userVoiceChannelId : seen };
  // Once the bot plays this upload's tracks, it keeps going even if the uploader leaves.
  const allowed = ctx.audio.channelOf(guildId)
    ? { ok: true as const, channelId: ctx.audio.channelOf(guildId) as string }
    : await admit(ctx, request);
  // The message first, then the status: a crash in between shows it twice, never not at all.
  if (!allowed.ok) {
    await messenger.final(uploadStoppedBody(upload, allowed.reason));
    await setUploadStatus(ctx.db, upload.id, "failed");
    return "refused";
  }
  await setUploadStatus(ctx.db, upload.id, "running");
  await messenger.progress(uploadProgressBody(upload));

  let queueFull = false;
  while (upload.cursor < upload.total) {
    if (draining()) throw new UploadPaused();
    const batch = queueFull
      ? upload.entries.slice(upload.cursor)
      : upload.entries.slice(upload.cursor, upload.cursor + settings.batchSize);
    // A full queue takes nothing more: the rest is skipped without a search.
    const resolved = queueFull ? [] : await resolveEntries(ctx, batch, settings.concurrency);
    const expected = upload.cursor;
    const notFound = resolved.filter((r) => r.tracks.length === 0).map((r) => r.entry);
    await ctx.locks.run(guildId, () =>
      queueTracks(
        ctx,
        request,
        allowed.channelId,
        queueEntriesOf(resolved, job.userId),
        async (tx, appended) => {
          const locked = await lockUpload(tx, upload.id);
          // Two runners on one upload (a stale lock freed too early) must not append twice.
          if (!locked || locked.cursor !== expected)
            throw new Error("upload moved under another runner");
          upload = await recordBatch(tx, locked, {
            handled: batch.length,
            added: appended.added,
            notFound,
            skipped: queueFull ? batch.length : appended.skipped,
          });
          queueFull = queueFull || appended.skipped > 0;
        },
      ),
    );
    ctx.metrics.uploadEntries?.(resolved.length - notFound.length, notFound.length);
    await messenger.progress(uploadProgressBody(upload));
  }
  await messenger.final(uploadDoneBody(upload, job.userId));
  await setUploadStatus(ctx.db, upload.id, "done");
  ctx.log.info("music.upload_done", {
    uploadId: upload.id,
    guildId,
    added: upload.added,
    notFound: upload.notFound,
    skipped: upload.skipped,
  });
  return "ok";
}
