import { and, asc, desc, eq, gt, notExists, sql } from "drizzle-orm";
import type { GuildKeyRotation } from "../../db/schema.ts";
import {
  guildDataKeys,
  guildKeyRotationGuilds,
  guildKeyRotations,
  operatorAudit,
} from "../../db/schema.ts";
import type { Database } from "../../ports/index.ts";
import type { Executor } from "../moderation/executor.ts";

/** What a rotation run was asked to do; a rerun with the same request resumes it. */
export interface RotationRequest {
  scope: string;
  reason: string;
  targetMasterVersion: string;
  newDataKeys: boolean;
}

/** The unfinished run for the same request, or a new one. */
export async function openRotation(
  db: Database,
  request: RotationRequest,
): Promise<{ run: GuildKeyRotation; resumed: boolean }> {
  const [running] = await db
    .select()
    .from(guildKeyRotations)
    .where(
      and(
        eq(guildKeyRotations.status, "running"),
        eq(guildKeyRotations.scope, request.scope),
        eq(guildKeyRotations.targetMasterVersion, request.targetMasterVersion),
        eq(guildKeyRotations.newDataKeys, request.newDataKeys),
      ),
    )
    .orderBy(desc(guildKeyRotations.id))
    .limit(1);
  if (running) return { run: running, resumed: true };
  const [run] = await db
    .insert(guildKeyRotations)
    .values({ ...request, status: "running" })
    .returning();
  return { run: run as GuildKeyRotation, resumed: false };
}

/** Guilds in scope this run has not done yet, in guild order, a page at a time. */
export async function pendingGuilds(
  db: Database,
  runId: number,
  scope: string,
  afterGuildId: string,
  limit: number,
): Promise<string[]> {
  const done = db
    .select({ one: sql`1` })
    .from(guildKeyRotationGuilds)
    .where(
      and(
        eq(guildKeyRotationGuilds.rotationId, runId),
        eq(guildKeyRotationGuilds.guildId, guildDataKeys.guildId),
      ),
    );
  const rows = await db
    .select({ guildId: guildDataKeys.guildId })
    .from(guildDataKeys)
    .where(
      and(
        gt(guildDataKeys.guildId, afterGuildId),
        scope === "all" ? undefined : eq(guildDataKeys.guildId, scope),
        notExists(done),
      ),
    )
    .orderBy(asc(guildDataKeys.guildId))
    .limit(limit);
  return rows.map((r) => r.guildId);
}

/** Records one guild's outcome in the run (inside the guild's own transaction). */
export async function recordGuildOutcome(
  tx: Executor,
  runId: number,
  guildId: string,
  outcome: "rotated" | "unchanged" | "failed",
): Promise<void> {
  await tx.insert(guildKeyRotationGuilds).values({ rotationId: runId, guildId, outcome });
  await tx
    .update(guildKeyRotations)
    .set(
      outcome === "failed"
        ? { guildsFailed: sql`${guildKeyRotations.guildsFailed} + 1` }
        : { guildsDone: sql`${guildKeyRotations.guildsDone} + 1` },
    )
    .where(eq(guildKeyRotations.id, runId));
}

/** Outcome counts of a run so far. */
export async function runOutcomes(db: Database, runId: number): Promise<Record<string, number>> {
  const rows = await db
    .select({ outcome: guildKeyRotationGuilds.outcome, count: sql<number>`count(*)::int` })
    .from(guildKeyRotationGuilds)
    .where(eq(guildKeyRotationGuilds.rotationId, runId))
    .groupBy(guildKeyRotationGuilds.outcome);
  return Object.fromEntries(rows.map((r) => [r.outcome, Number(r.count)]));
}

/** Closes a run and writes its audit row, atomically. */
export async function finishRotation(
  db: Database,
  run: GuildKeyRotation,
  outcomes: Record<string, number>,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(guildKeyRotations)
      .set({ status: "done", finishedAt: now })
      .where(eq(guildKeyRotations.id, run.id));
    await tx.insert(operatorAudit).values({
      actorId: "script:rotate-guild-keys",
      action: "guild_keys.rotate",
      target: run.scope,
      reason: run.reason,
      details: {
        rotation_id: run.id,
        target_master_version: run.targetMasterVersion,
        new_data_keys: run.newDataKeys,
        outcomes,
      },
    });
  });
}
