import { and, count, eq, inArray, sql } from "drizzle-orm";
import { type MusicPlaylistUploadRow, musicPlaylistUploads } from "../../db/schema.ts";
import type { Executor } from "../moderation/executor.ts";

/** Entries that found nothing kept for the final report. */
export const NOT_FOUND_SAMPLES = 10;

/** Stores an uploaded file's entries, waiting for the voice-node. */
export async function createUpload(
  db: Executor,
  input: {
    guildId: string;
    userId: string;
    textChannelId: string;
    filename: string;
    entries: readonly string[];
  },
): Promise<MusicPlaylistUploadRow> {
  const [row] = await db
    .insert(musicPlaylistUploads)
    .values({ ...input, entries: [...input.entries], total: input.entries.length })
    .returning();
  if (!row) throw new Error("upload row was not created");
  return row;
}

/** An upload by id, or null. */
export async function findUpload(db: Executor, id: number): Promise<MusicPlaylistUploadRow | null> {
  const [row] = await db.select().from(musicPlaylistUploads).where(eq(musicPlaylistUploads.id, id));
  return row ?? null;
}

/** An upload locked for the rest of the transaction (one batch at a time moves it). */
export async function lockUpload(tx: Executor, id: number): Promise<MusicPlaylistUploadRow | null> {
  const [row] = await tx
    .select()
    .from(musicPlaylistUploads)
    .where(eq(musicPlaylistUploads.id, id))
    .for("update");
  return row ?? null;
}

/** What one batch did, added to the upload's counters with its cursor moved past it. */
export interface BatchResult {
  /** Entries handled (the cursor moves by this many). */
  handled: number;
  added: number;
  notFound: readonly string[];
  skipped: number;
}

/** Moves an upload past a batch; call inside the transaction that appended its tracks. */
export async function recordBatch(
  tx: Executor,
  upload: MusicPlaylistUploadRow,
  batch: BatchResult,
): Promise<MusicPlaylistUploadRow> {
  const samples = [...upload.notFoundSamples, ...batch.notFound].slice(0, NOT_FOUND_SAMPLES);
  const [row] = await tx
    .update(musicPlaylistUploads)
    .set({
      cursor: upload.cursor + batch.handled,
      added: upload.added + batch.added,
      notFound: upload.notFound + batch.notFound.length,
      skipped: upload.skipped + batch.skipped,
      notFoundSamples: samples,
      status: "running",
      updatedAt: sql`now()`,
    })
    .where(eq(musicPlaylistUploads.id, upload.id))
    .returning();
  if (!row) throw new Error("upload row vanished inside its transaction");
  return row;
}

/** Marks an upload running, done or failed. */
export async function setUploadStatus(
  db: Executor,
  id: number,
  status: "running" | "done" | "failed",
): Promise<void> {
  await db
    .update(musicPlaylistUploads)
    .set({
      status,
      updatedAt: sql`now()`,
      ...(status === "running" ? {} : { finishedAt: sql`now()` }),
    })
    .where(eq(musicPlaylistUploads.id, id));
}

/** Remembers the progress message, to edit it with the bot token once the token expired. */
export async function setUploadMessage(
  db: Executor,
  id: number,
  message: { channelId: string; messageId: string },
): Promise<void> {
  await db
    .update(musicPlaylistUploads)
    .set({ messageChannelId: message.channelId, messageId: message.messageId })
    .where(eq(musicPlaylistUploads.id, id));
}

/** Uploads waiting or being resolved (the `chopsticks_playlist_upload_queue_depth` gauge). */
export async function openUploads(db: Executor): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(musicPlaylistUploads)
    .where(inArray(musicPlaylistUploads.status, ["queued", "running"]));
  return row?.n ?? 0;
}

/**
 * A guild's uploads still open and moving (touched within the hour: an upload whose job was
 * lost does not block the server forever).
 */
export async function openUploadsOf(db: Executor, guildId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(musicPlaylistUploads)
    .where(
      and(
        eq(musicPlaylistUploads.guildId, guildId),
        inArray(musicPlaylistUploads.status, ["queued", "running"]),
        sql`${musicPlaylistUploads.updatedAt} > now() - interval '1 hour'`,
      ),
    );
  return row?.n ?? 0;
}
