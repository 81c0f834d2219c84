import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import { type MusicQueueEntryRow, musicQueueEntries } from "../../db/schema.ts";
import type { Executor } from "../moderation/executor.ts";

// Every function here expects the guild's player lock (`lockPlayer`) to be held, so edits of
// one guild run one after another and none can lose another's track.

const upcoming = (guildId: string, currentId: number | null) =>
  currentId === null
    ? eq(musicQueueEntries.guildId, guildId)
    : and(eq(musicQueueEntries.guildId, guildId), ne(musicQueueEntries.id, currentId));

/** Ids of the entries after the current one, in play order. */
export async function upcomingIds(
  tx: Executor,
  guildId: string,
  currentId: number | null,
): Promise<number[]> {
  const rows = await tx
    .select({ id: musicQueueEntries.id })
    .from(musicQueueEntries)
    .where(upcoming(guildId, currentId))
    .orderBy(asc(musicQueueEntries.sortKey));
  return rows.map((row) => row.id);
}

/**
 * Puts the entries `ids` in that order, behind every other entry: one statement giving each a
 * fresh key above the guild's highest, so the unique order index never sees two rows swap.
 */
export async function reorderEntries(
  tx: Executor,
  guildId: string,
  ids: readonly number[],
): Promise<void> {
  if (ids.length === 0) return;
  if (!ids.every(Number.isSafeInteger)) throw new Error("queue entry ids must be integers");
  const list = `{${ids.join(",")}}`;
  await tx.execute(sql`
    with base as (
      select coalesce(trunc(max(sort_key)), 0) as top
        from music_queue_entries where guild_id = ${guildId}
    )
    update music_queue_entries e
       set sort_key = base.top + v.ord
      from base, unnest(${list}::bigint[]) with ordinality as v(id, ord)
     where e.guild_id = ${guildId} and e.id = v.id`);
}

/** Deletes the upcoming entries at 1-based places `from`..`to`; returns them in order. */
export async function removeUpcoming(
  tx: Executor,
  guildId: string,
  currentId: number | null,
  from: number,
  to: number,
): Promise<MusicQueueEntryRow[]> {
  const doomed = await tx
    .select({ id: musicQueueEntries.id })
    .from(musicQueueEntries)
    .where(upcoming(guildId, currentId))
    .orderBy(asc(musicQueueEntries.sortKey))
    .offset(from - 1)
    .limit(to - from + 1);
  if (doomed.length === 0) return [];
  const removed = await tx
    .delete(musicQueueEntries)
    .where(
      and(
        eq(musicQueueEntries.guildId, guildId),
        inArray(
          musicQueueEntries.id,
          doomed.map((row) => row.id),
        ),
      ),
    )
    .returning();
  return removed.sort((a, b) => Number(a.sortKey) - Number(b.sortKey));
}

/** Deletes every upcoming entry (the current one stays); returns how many went. */
export async function clearUpcoming(
  tx: Executor,
  guildId: string,
  currentId: number | null,
): Promise<number> {
  const removed = await tx
    .delete(musicQueueEntries)
    .where(upcoming(guildId, currentId))
    .returning({ id: musicQueueEntries.id });
  return removed.length;
}

/**
 * Moves autoplay's entries behind every entry a member queued (keeping each group's order);
 * true when anything moved.
 */
export async function keepAutoplayLast(
  tx: Executor,
  guildId: string,
  currentId: number | null,
): Promise<boolean> {
  const rows = await tx
    .select({ id: musicQueueEntries.id, autoplay: musicQueueEntries.autoplay })
    .from(musicQueueEntries)
    .where(upcoming(guildId, currentId))
    .orderBy(asc(musicQueueEntries.sortKey));
  const firstAutoplay = rows.findIndex((row) => row.autoplay);
  if (firstAutoplay < 0 || rows.slice(firstAutoplay).every((row) => row.autoplay)) return false;
  const members = rows.filter((row) => !row.autoplay);
  const autoplay = rows.filter((row) => row.autoplay);
  await reorderEntries(
    tx,
    guildId,
    [...members, ...autoplay].map((row) => row.id),
  );
  return true;
}
