import { and, eq, isNotNull, sql } from "drizzle-orm";
import {
  type MusicPlayerRow,
  musicPlayers,
  musicQueueEntries,
  musicSettings,
} from "../../db/schema.ts";
import type { Executor } from "../moderation/executor.ts";

/** The fields of a player a writer may change. */
export type PlayerPatch = Partial<
  Pick<
    MusicPlayerRow,
    | "voiceChannelId"
    | "textChannelId"
    | "currentEntryId"
    | "positionMs"
    | "positionAt"
    | "paused"
    | "volume"
    | "loopMode"
    | "idleSince"
    | "nodeId"
    | "filter"
    | "listeners"
  >
>;

/**
 * Locks a guild's player row for the rest of the transaction, creating it on first use.
 * Every writer of a guild's music state takes this lock first, so edits never interleave.
 */
export async function lockPlayer(tx: Executor, guildId: string): Promise<MusicPlayerRow> {
  await tx.insert(musicPlayers).values({ guildId }).onConflictDoNothing();
  const [row] = await tx
    .select()
    .from(musicPlayers)
    .where(eq(musicPlayers.guildId, guildId))
    .for("update");
  if (!row) throw new Error("music player row vanished inside its transaction");
  return row;
}

/** A guild's player, or null when it never played. */
export async function findPlayer(db: Executor, guildId: string): Promise<MusicPlayerRow | null> {
  const [row] = await db.select().from(musicPlayers).where(eq(musicPlayers.guildId, guildId));
  return row ?? null;
}

/** Changes a player row (lock it first inside a transaction when the change depends on it). */
export async function updatePlayer(
  tx: Executor,
  guildId: string,
  patch: PlayerPatch,
): Promise<void> {
  await tx
    .update(musicPlayers)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(musicPlayers.guildId, guildId));
}

/** A position sample of a playing entry. */
export interface PositionSample {
  guildId: string;
  entryId: number;
  positionMs: number;
  at: Date;
}

/**
 * Saves many players' positions in one statement. A sample whose entry is no longer current
 * (the track changed meanwhile) is ignored, so a late sample cannot move the new track.
 */
export async function savePositions(
  db: Executor,
  samples: readonly PositionSample[],
): Promise<void> {
  if (samples.length === 0) return;
  const rows = sql.join(
    samples.map(
      (s) =>
        sql`(${s.guildId}::text, ${s.entryId}::bigint, ${Math.max(0, Math.round(s.positionMs))}::int, ${s.at.toISOString()}::timestamptz)`,
    ),
    sql`, `,
  );
  await db.execute(sql`
    update music_players p
       set position_ms = v.position_ms, position_at = v.at, updated_at = now()
      from (values ${rows}) as v(guild_id, entry_id, position_ms, at)
     where p.guild_id = v.guild_id and p.current_entry_id = v.entry_id`);
}

/**
 * Guilds to bring back on start: a voice channel to be in, and a queue to play or 24/7 mode
 * (which rejoins with an empty queue too). With `shards`, only the guilds of those shards
 * (`(guild_id >> 22) % count`), the ones this node holds.
 */
export async function restorablePlayers(
  db: Executor,
  shards?: { ids: readonly number[]; count: number },
): Promise<MusicPlayerRow[]> {
  const inShards =
    shards && shards.count > 1
      ? sql`((${musicPlayers.guildId}::bigint >> 22) % ${shards.count}) = any(${`{${shards.ids.join(",")}}`}::int[])`
      : undefined;
  return db
    .select()
    .from(musicPlayers)
    .where(
      and(
        isNotNull(musicPlayers.voiceChannelId),
        sql`(exists (select 1 from ${musicQueueEntries} e where e.guild_id = ${musicPlayers.guildId})
             or exists (select 1 from ${musicSettings} s where s.guild_id = ${musicPlayers.guildId} and s.stay))`,
        inShards,
      ),
    );
}

/** Players whose queue ran out before `before` and are still in a channel. */
export async function idlePlayersSince(db: Executor, before: Date): Promise<MusicPlayerRow[]> {
  return db
    .select()
    .from(musicPlayers)
    .where(
      and(
        isNotNull(musicPlayers.voiceChannelId),
        sql`${musicPlayers.idleSince} <= ${before.toISOString()}::timestamptz`,
      ),
    );
}
