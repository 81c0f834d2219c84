import { and, eq, isNotNull, lte, type SQL } from "drizzle-orm";
import { isBucket } from "../constants/rate-limits.ts";
import { guildBlocks, operatorAudit, rateLimitOverrides } from "../db/schema.ts";
import type { GuildControls } from "../domain/guild-controls.ts";
import type { Database } from "../ports/index.ts";
import { nextLockdownEnd } from "./moderation/lockdowns.ts";

const ms = (date: Date | null) => (date ? date.getTime() : null);

/** Who did an operator action, and why; written to the audit table with it. */
export interface Actor {
  id: string;
  reason?: string | null;
}

/** Reads a guild's block and overrides from Postgres, the source of truth. */
export async function loadGuildControls(db: Database, guildId: string): Promise<GuildControls> {
  const [blocks, overrides, lockdownEndsAt] = await Promise.all([
    db.select().from(guildBlocks).where(eq(guildBlocks.guildId, guildId)),
    db.select().from(rateLimitOverrides).where(eq(rateLimitOverrides.guildId, guildId)),
    nextLockdownEnd(db, guildId),
  ]);
  const block = blocks[0];
  const controls: GuildControls = {
    block: block ? { reason: block.reason, expiresAt: ms(block.expiresAt) } : null,
    overrides: {},
    lockdownEndsAt,
  };
  for (const o of overrides) {
    if (isBucket(o.bucket)) {
      controls.overrides[o.bucket] = {
        limit: o.limit,
        windowSeconds: o.windowSeconds,
        expiresAt: ms(o.expiresAt),
      };
    }
  }
  return controls;
}

/** Sets (or replaces) the guild limit of one bucket and audits it, atomically. */
export async function setOverride(
  db: Database,
  actor: Actor,
  o: {
    guildId: string;
    bucket: string;
    limit: number;
    windowSeconds: number;
    expiresAt: Date | null;
  },
): Promise<void> {
  await db.transaction(async (tx) => {
    const row = { ...o, setBy: actor.id, reason: actor.reason ?? null, createdAt: new Date() };
    await tx
      .insert(rateLimitOverrides)
      .values(row)
      .onConflictDoUpdate({
        target: [rateLimitOverrides.guildId, rateLimitOverrides.bucket],
        set: row,
      });
    await tx.insert(operatorAudit).values({
      actorId: actor.id,
      action: "ratelimit.override",
      target: o.guildId,
      details: {
        bucket: o.bucket,
        limit: o.limit,
        windowSeconds: o.windowSeconds,
        expiresAt: o.expiresAt,
      },
      reason: actor.reason ?? null,
    });
  });
}

/** Deletes overrides (all, one bucket, one guild, or both), audits it; returns the guilds touched. */
export async function clearOverrides(
  db: Database,
  actor: Actor,
  scope: { guildId?: string; bucket?: string },
): Promise<string[]> {
  return db.transaction(async (tx) => {
    const conditions: SQL[] = [];
    if (scope.guildId) conditions.push(eq(rateLimitOverrides.guildId, scope.guildId));
    if (scope.bucket) conditions.push(eq(rateLimitOverrides.bucket, scope.bucket));
    const deleted = await tx
      .delete(rateLimitOverrides)
      .where(conditions.length ? and(...conditions) : undefined)
      .returning({ guildId: rateLimitOverrides.guildId });
    await tx.insert(operatorAudit).values({
      actorId: actor.id,
      action: "ratelimit.reset",
      target: scope.guildId ?? null,
      details: { bucket: scope.bucket ?? "all", overridesRemoved: deleted.length },
      reason: actor.reason ?? null,
    });
    return [...new Set(deleted.map((d) => d.guildId))];
  });
}

/** Blocks a guild (or updates its block) and audits it. */
export async function blockGuild(
  db: Database,
  actor: Actor & { reason: string },
  guildId: string,
  expiresAt: Date | null,
): Promise<void> {
  await db.transaction(async (tx) => {
    const row = {
      guildId,
      reason: actor.reason,
      blockedBy: actor.id,
      expiresAt,
      createdAt: new Date(),
    };
    await tx
      .insert(guildBlocks)
      .values(row)
      .onConflictDoUpdate({ target: guildBlocks.guildId, set: row });
    await tx.insert(operatorAudit).values({
      actorId: actor.id,
      action: "guild.block",
      target: guildId,
      details: { expiresAt },
      reason: actor.reason,
    });
  });
}

/** Lifts a block; false when the guild was not blocked. Audited either way. */
export async function unblockGuild(db: Database, actor: Actor, guildId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const removed = await tx
      .delete(guildBlocks)
      .where(eq(guildBlocks.guildId, guildId))
      .returning();
    await tx.insert(operatorAudit).values({
      actorId: actor.id,
      action: "guild.unblock",
      target: guildId,
      details: { wasBlocked: removed.length > 0 },
      reason: actor.reason ?? null,
    });
    return removed.length > 0;
  });
}

/** Blocks in force at `now`, newest first. */
export async function listActiveBlocks(db: Database, now: Date) {
  const rows = await db.select().from(guildBlocks).orderBy(guildBlocks.createdAt);
  return rows.filter((b) => b.expiresAt === null || b.expiresAt > now).reverse();
}

/** Deletes blocks and overrides that have expired; returns the guilds whose controls changed. */
export async function sweepExpiredControls(db: Database, now: Date): Promise<string[]> {
  const [blocks, overrides] = await Promise.all([
    db
      .delete(guildBlocks)
      .where(and(isNotNull(guildBlocks.expiresAt), lte(guildBlocks.expiresAt, now)))
      .returning({ guildId: guildBlocks.guildId }),
    db
      .delete(rateLimitOverrides)
      .where(and(isNotNull(rateLimitOverrides.expiresAt), lte(rateLimitOverrides.expiresAt, now)))
      .returning({ guildId: rateLimitOverrides.guildId }),
  ]);
  return [...new Set([...blocks, ...overrides].map((r) => r.guildId))];
}
