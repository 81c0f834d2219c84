import { eq } from "drizzle-orm";
import { type MusicNowPlayingRow, musicNowPlaying } from "../../db/schema.ts";
import type { Executor } from "../moderation/executor.ts";

/** Where a guild's now-playing message is, or null when it has none. */
export async function findNowPlayingMessage(
  db: Executor,
  guildId: string,
): Promise<MusicNowPlayingRow | null> {
  const [row] = await db.select().from(musicNowPlaying).where(eq(musicNowPlaying.guildId, guildId));
  return row ?? null;
}

/** Remembers the guild's now-playing message and the entry it shows. */
export async function saveNowPlayingMessage(
  db: Executor,
  row: Omit<MusicNowPlayingRow, "editedAt"> & { editedAt: Date },
): Promise<void> {
  const { guildId, ...rest } = row;
  await db
    .insert(musicNowPlaying)
    .values(row)
    .onConflictDoUpdate({ target: musicNowPlaying.guildId, set: rest });
}

/** Forgets the guild's now-playing message (the next track start posts a new one). */
export async function forgetNowPlayingMessage(db: Executor, guildId: string): Promise<void> {
  await db.delete(musicNowPlaying).where(eq(musicNowPlaying.guildId, guildId));
}
