import { createSqlJobQueue } from "../../src/adapters/jobs/sql-job-queue.ts";
import { createUpload } from "../../src/data/music/index.ts";
import { parsePlaylistFile, playlistFormatOf } from "../../src/domain/music/playlist-file.ts";
import { enqueuePlaylistUpload } from "../../src/music/enqueue.ts";
import type { MusicWorld } from "../support/music-world.ts";

/** Uploads a playlist file for the listener as the edge does; returns the token and the upload. */
export async function uploadPlaylist(
  world: MusicWorld,
  filename: string,
  content: string,
): Promise<{ token: string; uploadId: number }> {
  const format = playlistFormatOf(filename);
  const parsed = format ? parsePlaylistFile(format, content) : null;
  if (!parsed?.ok) throw new Error("bad test file");
  const db = world.db.handle.db;
  const row = await createUpload(db, {
    guildId: world.guild.guildId,
    userId: world.guild.listenerId,
    textChannelId: world.guild.textChannelId,
    filename,
    entries: parsed.entries,
  });
  const job = world.job({ type: "playlist_upload", uploadId: row.id });
  await enqueuePlaylistUpload(createSqlJobQueue(db), job, 1);
  return { token: job.interaction.token, uploadId: row.id };
}
