import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { GuildDataKeyRow, GuildSecretRow } from "../../db/schema.ts";
import { guildDataKeys, guildSecrets } from "../../db/schema.ts";
import type { Database } from "../../ports/index.ts";
import type { Executor } from "../moderation/executor.ts";

/** A guild's data key row, locked until the transaction ends (writers and rotation serialise). */
export async function lockDataKey(tx: Executor, guildId: string): Promise<GuildDataKeyRow | null> {
  const rows = await tx
    .select()
    .from(guildDataKeys)
    .where(eq(guildDataKeys.guildId, guildId))
    .for("update");
  return rows[0] ?? null;
}

/** Stores a guild's first data key (wrapped). */
export async function insertDataKey(
  tx: Executor,
  row: { guildId: string; generation: number; masterVersion: string; wrappedKey: string },
): Promise<void> {
  await tx.insert(guildDataKeys).values(row);
}

/** Replaces a guild's wrapped data key after a re-wrap or a new generation. */
export async function replaceDataKey(
  tx: Executor,
  row: { guildId: string; generation: number; masterVersion: string; wrappedKey: string },
  now: Date,
): Promise<void> {
  await tx
    .update(guildDataKeys)
    .set({
      generation: row.generation,
      masterVersion: row.masterVersion,
      wrappedKey: row.wrappedKey,
      rotatedAt: now,
    })
    .where(eq(guildDataKeys.guildId, row.guildId));
}

/** Writes (or replaces) one sealed secret. */
export async function upsertSecret(
  tx: Executor,
  row: { guildId: string; field: string; ciphertext: string; dataKeyGeneration: number },
  now: Date,
): Promise<void> {
  await tx
    .insert(guildSecrets)
    .values({ ...row, updatedAt: now })
    .onConflictDoUpdate({
      target: [guildSecrets.guildId, guildSecrets.field],
      set: { ciphertext: row.ciphertext, dataKeyGeneration: row.dataKeyGeneration, updatedAt: now },
    });
}

/** Deletes one secret; true when there was one. */
export async function deleteSecret(tx: Executor, guildId: string, field: string): Promise<boolean> {
  const rows = await tx
    .delete(guildSecrets)
    .where(and(eq(guildSecrets.guildId, guildId), eq(guildSecrets.field, field)))
    .returning({ field: guildSecrets.field });
  return rows.length > 0;
}

/** Every secret of a guild. */
export function secretsOf(tx: Executor, guildId: string): Promise<GuildSecretRow[]> {
  return tx.select().from(guildSecrets).where(eq(guildSecrets.guildId, guildId));
}

/** One secret with the guild's data key, or null when either is missing. */
export async function readSealedSecret(
  db: Database,
  guildId: string,
  field: string,
): Promise<{ secret: GuildSecretRow; key: GuildDataKeyRow | null } | null> {
  const rows = await db
    .select({ secret: guildSecrets, key: guildDataKeys })
    .from(guildSecrets)
    .leftJoin(guildDataKeys, eq(guildDataKeys.guildId, guildSecrets.guildId))
    .where(and(eq(guildSecrets.guildId, guildId), eq(guildSecrets.field, field)));
  return rows[0] ?? null;
}

/** Data keys in guild order, a page at a time, after `afterGuildId`. */
export function dataKeysPage(
  db: Database,
  afterGuildId: string,
  limit: number,
): Promise<GuildDataKeyRow[]> {
  return db
    .select()
    .from(guildDataKeys)
    .where(gt(guildDataKeys.guildId, afterGuildId))
    .orderBy(asc(guildDataKeys.guildId))
    .limit(limit);
}

/** Secrets whose guild has no data key at all (they can never be opened). */
export async function orphanSecrets(db: Database): Promise<{ guildId: string; field: string }[]> {
  return db
    .select({ guildId: guildSecrets.guildId, field: guildSecrets.field })
    .from(guildSecrets)
    .where(
      sql`not exists (select 1 from ${guildDataKeys} where ${guildDataKeys.guildId} = ${guildSecrets.guildId})`,
    );
}

/** How many data keys each master version wraps. */
export async function masterVersionsInUse(db: Database): Promise<Record<string, number>> {
  const rows = await db
    .select({ version: guildDataKeys.masterVersion, count: sql<number>`count(*)::int` })
    .from(guildDataKeys)
    .groupBy(guildDataKeys.masterVersion);
  return Object.fromEntries(rows.map((r) => [r.version, Number(r.count)]));
}
