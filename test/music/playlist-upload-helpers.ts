import { desc, eq } from "drizzle-orm";
import { createSqlJobQueue } from "../../src/adapters/jobs/sql-job-queue.ts";
import { createUpload } from "../../src/data/music/index.ts";
import { musicPlaylistUploads } from "../../src/db/schema.ts";
import { parsePlaylistFile, playlistFormatOf } from "../../src/domain/music/playlist-file.ts";
import { enqueuePlaylistUpload } from "../../src/music/enqueue.ts";
import { slashCommand } from "../support/interactions.ts";
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

/**
 * Uploads a playlist file for the listener as a member does: the file on the simulated CDN, a
 * signed `/playlist upload file:` to the edge (which must defer); returns the token and the
 * upload the edge stored (the guild's newest: call it with no other upload on its way).
 */
export async function uploadThroughEdge(
  world: MusicWorld,
  filename: string,
  content: string,
): Promise<{ token: string; uploadId: number }> {
  const file = world.bot.discord.addAttachment(filename, content);
  const answer = await world.bot.interact(
    slashCommand("playlist", {
      subcommand: "upload",
      options: { file: { type: 11, value: file.id } },
      resolved: { attachments: { [file.id]: file } },
      guildId: world.guild.guildId,
      channelId: world.guild.textChannelId,
      user: { id: world.guild.listenerId },
    }),
  );
  if (answer.body.type !== 5) throw new Error(`upload refused: ${JSON.stringify(answer.body)}`);
  // The edge stores the upload after deferring: wait for its row (bounded, ~30 s).
  const latest = async () =>
    (
      await world.db.handle.db
        .select({ id: musicPlaylistUploads.id })
        .from(musicPlaylistUploads)
        .where(eq(musicPlaylistUploads.guildId, world.guild.guildId))
        .orderBy(desc(musicPlaylistUploads.id))
        .limit(1)
    )[0];
  for (let i = 0; i < 1500; i++) {
    const row = await latest();
    if (row) return { token: answer.token, uploadId: row.id };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("the edge stored no upload");
}
