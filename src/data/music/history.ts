import { count, desc, eq, sql } from "drizzle-orm";
import { type MusicHistoryRow, type MusicQueueEntryRow, musicHistory } from "../../db/schema.ts";
import type { Executor } from "../moderation/executor.ts";

/** Played tracks kept per guild (`/music history` shows them all, paged). */
export const HISTORY_KEPT = 20;

/** Records a played entry and forgets what falls out of the last {@link HISTORY_KEPT}. */
export async function recordPlayed(
  tx: Executor,
  guildId: string,
  entry: Pick<
    MusicQueueEntryRow,
    "title" | "author" | "uri" | "sourceName" | "lengthMs" | "isStream" | "requestedBy" | "autoplay"
  >,
  at: Date,
): Promise<void> {
  await tx.insert(musicHistory).values({
    guildId,
    title: entry.title,
    author: entry.author,
    uri: entry.uri,
    sourceName: entry.sourceName,
    lengthMs: entry.lengthMs,
    isStream: entry.isStream,
    requestedBy: entry.requestedBy,
    autoplay: entry.autoplay,
    playedAt: at,
  });
  await tx.execute(sql`
    delete from music_history
     where guild_id = ${guildId}
       and id < (select min(id) from (
             select id from music_history where guild_id = ${guildId}
              order by id desc limit ${HISTORY_KEPT}) newest)`);
}

/** The played tracks, newest first, paged. */
export async function playedTracks(
  db: Executor,
  guildId: string,
  page: { offset: number; limit: number },
): Promise<MusicHistoryRow[]> {
  return db
    .select()
    .from(musicHistory)
    .where(eq(musicHistory.guildId, guildId))
    .orderBy(desc(musicHistory.id))
    .offset(page.offset)
    .limit(Math.min(page.limit, HISTORY_KEPT));
}

/** How many played tracks are kept for the guild (at most {@link HISTORY_KEPT}). */
export async function playedCount(db: Executor, guildId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(musicHistory)
    .where(eq(musicHistory.guildId, guildId));
  return Math.min(row?.n ?? 0, HISTORY_KEPT);
}
