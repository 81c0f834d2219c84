import { and, asc, count, eq, ne, sql } from "drizzle-orm";
import { type MusicQueueEntryRow, musicQueueEntries } from "../../db/schema.ts";
import type { Executor } from "../moderation/executor.ts";

/** A track to add to a queue (`autoplay` defaults to false: a member asked for it). */
export type NewQueueEntry = Omit<
  MusicQueueEntryRow,
  "id" | "guildId" | "sortKey" | "addedAt" | "autoplay"
> & { autoplay?: boolean };

/**
 * Appends tracks after the last entry, up to `maxLength` entries in the guild's queue (the
 * current one included). Hold the guild's player lock. Returns what was added and how many
 * did not fit.
 */
export async function appendEntries(
  tx: Executor,
  guildId: string,
  tracks: readonly NewQueueEntry[],
  maxLength: number,
): Promise<{ added: MusicQueueEntryRow[]; skipped: number }> {
  const [stats] = await tx
    .select({
      n: count(),
      last: sql<string | null>`max(${musicQueueEntries.sortKey})`,
    })
    .from(musicQueueEntries)
    .where(eq(musicQueueEntries.guildId, guildId));
  const room = Math.max(0, maxLength - (stats?.n ?? 0));
  const fitting = tracks.slice(0, room);
  if (fitting.length === 0) return { added: [], skipped: tracks.length };
  const base = stats?.last ?? "0";
  const added = await tx
    .insert(musicQueueEntries)
    .values(
      fitting.map((track, i) => ({
        ...track,
        guildId,
        sortKey: sql`trunc(${base}::numeric) + ${i + 1}`,
      })),
    )
    .returning();
  added.sort((a, b) => a.id - b.id);
  return { added, skipped: tracks.length - fitting.length };
}

/** One entry by id (scoped to its guild), or null. */
export async function findEntry(
  db: Executor,
  guildId: string,
  id: number | null,
): Promise<MusicQueueEntryRow | null> {
  if (id === null) return null;
  const [row] = await db
    .select()
    .from(musicQueueEntries)
    .where(and(eq(musicQueueEntries.guildId, guildId), eq(musicQueueEntries.id, id)));
  return row ?? null;
}

const upcoming = (guildId: string, currentId: number | null) =>
  currentId === null
    ? eq(musicQueueEntries.guildId, guildId)
    : and(eq(musicQueueEntries.guildId, guildId), ne(musicQueueEntries.id, currentId));

/** The entries after the current one, in order, paged. */
export async function upcomingEntries(
  db: Executor,
  guildId: string,
  currentId: number | null,
  page: { offset: number; limit: number },
): Promise<MusicQueueEntryRow[]> {
  return db
    .select()
    .from(musicQueueEntries)
    .where(upcoming(guildId, currentId))
    .orderBy(asc(musicQueueEntries.sortKey))
    .offset(page.offset)
    .limit(page.limit);
}

/** How many entries wait after the current one, and their total length (streams count 0). */
export async function upcomingSummary(
  db: Executor,
  guildId: string,
  currentId: number | null,
): Promise<{ count: number; lengthMs: number; streams: number }> {
  const [row] = await db
    .select({
      count: count(),
      lengthMs: sql<string>`coalesce(sum(${musicQueueEntries.lengthMs}), 0)`,
      streams: sql<string>`count(*) filter (where ${musicQueueEntries.isStream})`,
    })
    .from(musicQueueEntries)
    .where(upcoming(guildId, currentId));
  return {
    count: row?.count ?? 0,
    lengthMs: Number(row?.lengthMs ?? 0),
    streams: Number(row?.streams ?? 0),
  };
}

/** The next entry to play (the first that is not `currentId`), or null when none is left. */
export async function nextEntry(
  tx: Executor,
  guildId: string,
  currentId: number | null,
): Promise<MusicQueueEntryRow | null> {
  const [row] = await upcomingEntries(tx, guildId, currentId, { offset: 0, limit: 1 });
  return row ?? null;
}

/** 1-based place of an entry among those after the current one. */
export async function placeOf(
  tx: Executor,
  guildId: string,
  currentId: number | null,
  entry: MusicQueueEntryRow,
): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(musicQueueEntries)
    .where(and(upcoming(guildId, currentId), sql`${musicQueueEntries.sortKey} < ${entry.sortKey}`));
  return (row?.n ?? 0) + 1;
}

/** Total length of the entries before `entry` (excluding the current one), and whether any is live. */
export async function lengthBefore(
  tx: Executor,
  guildId: string,
  currentId: number | null,
  entry: MusicQueueEntryRow,
): Promise<{ lengthMs: number; streams: number }> {
  const [row] = await tx
    .select({
      lengthMs: sql<string>`coalesce(sum(${musicQueueEntries.lengthMs}), 0)`,
      streams: sql<string>`count(*) filter (where ${musicQueueEntries.isStream})`,
    })
    .from(musicQueueEntries)
    .where(and(upcoming(guildId, currentId), sql`${musicQueueEntries.sortKey} < ${entry.sortKey}`));
  return { lengthMs: Number(row?.lengthMs ?? 0), streams: Number(row?.streams ?? 0) };
}

/** Removes one entry. */
export async function deleteEntry(tx: Executor, guildId: string, id: number): Promise<void> {
  await tx
    .delete(musicQueueEntries)
    .where(and(eq(musicQueueEntries.guildId, guildId), eq(musicQueueEntries.id, id)));
}

/** Moves an entry behind the last one (loop queue). Hold the guild's player lock. */
export async function moveEntryToEnd(tx: Executor, guildId: string, id: number): Promise<void> {
  await tx.execute(sql`
    update music_queue_entries
       set sort_key = (select trunc(max(sort_key)) + 1 from music_queue_entries where guild_id = ${guildId})
     where guild_id = ${guildId} and id = ${id}`);
}

/** Empties a guild's queue. */
export async function clearEntries(tx: Executor, guildId: string): Promise<void> {
  await tx.delete(musicQueueEntries).where(eq(musicQueueEntries.guildId, guildId));
}

/** Entries of a guild in order (tests and restore). */
export async function allEntries(db: Executor, guildId: string): Promise<MusicQueueEntryRow[]> {
  return db
    .select()
    .from(musicQueueEntries)
    .where(eq(musicQueueEntries.guildId, guildId))
    .orderBy(asc(musicQueueEntries.sortKey));
}
