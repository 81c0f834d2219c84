import { and, desc, eq, lte, sql } from "drizzle-orm";
import { economyGameMoves, economyGames, type GameRow } from "../../db/schema.ts";
import type { Executor, Transaction } from "./executor.ts";

/** A game to record. */
export type NewGame = typeof economyGames.$inferInsert;

/** Inserts a game; null when its key was used before (the same interaction, delivered again). */
export async function insertGame(tx: Transaction, game: NewGame): Promise<GameRow | null> {
  const [row] = await tx.insert(economyGames).values(game).onConflictDoNothing().returning();
  return row ?? null;
}

/** A game of the guild, locked until the transaction ends. */
export async function lockGame(
  tx: Transaction,
  guildId: string,
  id: number,
): Promise<GameRow | null> {
  const [row] = await tx
    .select()
    .from(economyGames)
    .where(and(eq(economyGames.guildId, guildId), eq(economyGames.id, id)))
    .for("update");
  return row ?? null;
}

/** Records a button press on a game; false when that press was applied before. */
export async function recordMove(tx: Transaction, gameId: number, key: string): Promise<boolean> {
  const rows = await tx
    .insert(economyGameMoves)
    .values({ gameId, key })
    .onConflictDoNothing()
    .returning({ key: economyGameMoves.key });
  return rows.length === 1;
}

/** Updates a game's play state or outcome. */
export async function updateGame(
  tx: Transaction,
  id: number,
  patch: Partial<
    Pick<
      GameRow,
      "choice" | "moves" | "outcome" | "payout" | "status" | "stake" | "dueAt" | "settledAt"
    >
  >,
): Promise<void> {
  await tx.update(economyGames).set(patch).where(eq(economyGames.id, id));
}

/** Where a game's message is, so it can be edited after its interaction token expired. */
export async function setGameMessage(
  db: Executor,
  id: number,
  message: { channelId: string; messageId: string },
): Promise<void> {
  await db.update(economyGames).set(message).where(eq(economyGames.id, id));
}

/** A game of the guild, or null. */
export async function findGame(db: Executor, guildId: string, id: number): Promise<GameRow | null> {
  const [row] = await db
    .select()
    .from(economyGames)
    .where(and(eq(economyGames.guildId, guildId), eq(economyGames.id, id)));
  return row ?? null;
}

/** Whether the member has a hand still in play. */
export async function hasActiveGame(
  db: Executor,
  guildId: string,
  userId: string,
): Promise<boolean> {
  const [row] = await db
    .select({ id: economyGames.id })
    .from(economyGames)
    .where(
      and(
        eq(economyGames.guildId, guildId),
        eq(economyGames.userId, userId),
        eq(economyGames.status, "active"),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** The member's latest games (for /fair verify autocomplete), newest first. */
export async function recentGames(
  db: Executor,
  guildId: string,
  userId: string,
  limit: number,
): Promise<GameRow[]> {
  return db
    .select()
    .from(economyGames)
    .where(and(eq(economyGames.guildId, guildId), eq(economyGames.userId, userId)))
    .orderBy(desc(economyGames.id))
    .limit(limit);
}

/**
 * Locks active hands left alone past their due time (of one guild, or all), skipping rows
 * another settler holds: each hand is stood by exactly one of them.
 */
export async function claimDueGames(
  tx: Transaction,
  input: { now: Date; applicationId: string; guildId?: string; limit: number },
): Promise<GameRow[]> {
  return tx
    .select()
    .from(economyGames)
    .where(
      and(
        eq(economyGames.status, "active"),
        eq(economyGames.applicationId, input.applicationId),
        lte(economyGames.dueAt, input.now),
        input.guildId ? eq(economyGames.guildId, input.guildId) : undefined,
      ),
    )
    .orderBy(economyGames.dueAt)
    .limit(input.limit)
    .for("update", { skipLocked: true });
}

/** How many games of the seed were played (nonces used). */
export async function gamesOnSeed(db: Executor, seedId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(economyGames)
    .where(eq(economyGames.seedId, seedId));
  return row?.n ?? 0;
}
