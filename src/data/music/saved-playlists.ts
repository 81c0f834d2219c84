import { and, asc, count, eq, like, sql } from "drizzle-orm";
import {
  type MusicPlaylistRow,
  type MusicPlaylistTrackRow,
  musicPlaylists,
  musicPlaylistTracks,
} from "../../db/schema.ts";
import type { Database } from "../../ports/index.ts";
import type { Executor } from "../moderation/executor.ts";

/** A track as a saved playlist keeps it. */
export type SavedTrack = Omit<MusicPlaylistTrackRow, "playlistId" | "position">;

/** A guild's playlist by its case-blind name key, or null. */
export async function findPlaylist(
  db: Executor,
  guildId: string,
  nameKey: string,
): Promise<MusicPlaylistRow | null> {
  const [row] = await db
    .select()
    .from(musicPlaylists)
    .where(and(eq(musicPlaylists.guildId, guildId), eq(musicPlaylists.nameKey, nameKey)));
  return row ?? null;
}

/** A playlist by id within its guild, or null (it may have been deleted since). */
export async function findPlaylistById(
  db: Executor,
  guildId: string,
  id: number,
): Promise<MusicPlaylistRow | null> {
  const [row] = await db
    .select()
    .from(musicPlaylists)
    .where(and(eq(musicPlaylists.guildId, guildId), eq(musicPlaylists.id, id)));
  return row ?? null;
}

/** A guild's playlists by name. */
export async function listPlaylists(db: Executor, guildId: string): Promise<MusicPlaylistRow[]> {
  return db
    .select()
    .from(musicPlaylists)
    .where(eq(musicPlaylists.guildId, guildId))
    .orderBy(asc(musicPlaylists.nameKey));
}

/** Names starting with `prefix` (case-blind), for autocomplete. */
export async function playlistNamesLike(
  db: Executor,
  guildId: string,
  prefix: string,
  limit: number,
): Promise<MusicPlaylistRow[]> {
  const escaped = prefix.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
  return db
    .select()
    .from(musicPlaylists)
    .where(and(eq(musicPlaylists.guildId, guildId), like(musicPlaylists.nameKey, `${escaped}%`)))
    .orderBy(asc(musicPlaylists.nameKey))
    .limit(limit);
}

/** A playlist's tracks in order. */
export async function playlistTracks(db: Executor, playlistId: number): Promise<SavedTrack[]> {
  const rows = await db
    .select()
    .from(musicPlaylistTracks)
    .where(eq(musicPlaylistTracks.playlistId, playlistId))
    .orderBy(asc(musicPlaylistTracks.position));
  return rows.map(({ playlistId: _, position: __, ...track }) => track);
}

/** What {@link savePlaylist} did. */
export type SaveOutcome =
  | { kind: "created" | "replaced"; playlist: MusicPlaylistRow }
  | { kind: "exists"; playlist: MusicPlaylistRow }
  | { kind: "full"; count: number };

/**
 * Saves tracks under a name, in one transaction: a new playlist (unless the guild has
 * `maxPlaylists` already), or the same-named one replaced when `overwrite`. The guild's rows
 * are locked first, so two saves of one name cannot both create it.
 */
export async function savePlaylist(
  db: Database,
  input: {
    guildId: string;
    name: string;
    nameKey: string;
    createdBy: string;
    tracks: readonly SavedTrack[];
    overwrite: boolean;
    maxPlaylists: number;
  },
): Promise<SaveOutcome> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`playlists:${input.guildId}`}))`);
    const existing = await findPlaylist(tx, input.guildId, input.nameKey);
    if (existing && !input.overwrite) return { kind: "exists", playlist: existing };
    if (!existing) {
      const [row] = await tx
        .select({ n: count() })
        .from(musicPlaylists)
        .where(eq(musicPlaylists.guildId, input.guildId));
      if ((row?.n ?? 0) >= input.maxPlaylists) return { kind: "full", count: row?.n ?? 0 };
    }
    const values = {
      guildId: input.guildId,
      name: input.name,
      nameKey: input.nameKey,
      createdBy: input.createdBy,
      trackCount: input.tracks.length,
    };
    const [playlist] = existing
      ? await tx
          .update(musicPlaylists)
          .set({ ...values, updatedAt: sql`now()` })
          .where(eq(musicPlaylists.id, existing.id))
          .returning()
      : await tx.insert(musicPlaylists).values(values).returning();
    if (!playlist) throw new Error("saved playlist row vanished inside its transaction");
    if (existing)
      await tx.delete(musicPlaylistTracks).where(eq(musicPlaylistTracks.playlistId, playlist.id));
    await tx
      .insert(musicPlaylistTracks)
      .values(
        input.tracks.map((track, position) => ({ ...track, playlistId: playlist.id, position })),
      );
    return { kind: existing ? "replaced" : "created", playlist };
  });
}

/** Deletes a playlist (its tracks go with it); false when it was already gone. */
export async function deletePlaylist(db: Executor, guildId: string, id: number): Promise<boolean> {
  const deleted = await db
    .delete(musicPlaylists)
    .where(and(eq(musicPlaylists.guildId, guildId), eq(musicPlaylists.id, id)))
    .returning({ id: musicPlaylists.id });
  return deleted.length > 0;
}
