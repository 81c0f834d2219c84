import { and, eq, sql } from "drizzle-orm";
import { economySeeds, type FairSeed } from "../../db/schema.ts";
import type { Executor, Transaction } from "./executor.ts";

/** A fresh seed and its commitment, made by the caller (randomness stays out of this layer). */
export type SeedMaker = () => Promise<{ seed: string; hash: string }>;

/** The seed and nonce a game uses. */
export interface NonceLease {
  seedId: number;
  seed: string;
  seedHash: string;
  nonce: number;
}

const activeOf = (guildId: string, userId: string) =>
  and(
    eq(economySeeds.guildId, guildId),
    eq(economySeeds.userId, userId),
    eq(economySeeds.state, "active"),
  );

/**
 * Takes the member's next nonce on their active seed (creating the seed on first play). The
 * seed row stays locked until the transaction ends, so a member's games get nonces in order
 * and none twice; a rolled-back game gives its nonce back.
 */
export async function takeNonce(
  tx: Transaction,
  guildId: string,
  userId: string,
  makeSeed: SeedMaker,
): Promise<NonceLease> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const [row] = await tx
      .update(economySeeds)
      .set({ nextNonce: sql`${economySeeds.nextNonce} + 1` })
      .where(activeOf(guildId, userId))
      .returning();
    if (row)
      return { seedId: row.id, seed: row.seed, seedHash: row.seedHash, nonce: row.nextNonce - 1 };
    const fresh = await makeSeed();
    // Another game of the member may create the seed at the same moment: then use theirs.
    await tx
      .insert(economySeeds)
      .values({ guildId, userId, seed: fresh.seed, seedHash: fresh.hash, state: "active" })
      .onConflictDoNothing();
  }
  throw new Error("could not take a nonce");
}

/** The member's active seed, created when they have none. */
export async function ensureActiveSeed(
  db: Executor,
  guildId: string,
  userId: string,
  makeSeed: SeedMaker,
): Promise<FairSeed> {
  const [existing] = await db.select().from(economySeeds).where(activeOf(guildId, userId));
  if (existing) return existing;
  const fresh = await makeSeed();
  await db
    .insert(economySeeds)
    .values({ guildId, userId, seed: fresh.seed, seedHash: fresh.hash, state: "active" })
    .onConflictDoNothing();
  const [row] = await db.select().from(economySeeds).where(activeOf(guildId, userId));
  if (!row) throw new Error("active seed vanished");
  return row;
}

/**
 * Reveals the member's active seed and starts a new one; returns the revealed seed (null
 * when they had none) and the new one.
 */
export async function rotateSeed(
  tx: Transaction,
  guildId: string,
  userId: string,
  fresh: { seed: string; hash: string },
  now: Date,
): Promise<{ revealed: FairSeed | null; active: FairSeed }> {
  const [revealed] = await tx
    .update(economySeeds)
    .set({ state: "revealed", revealedAt: now })
    .where(activeOf(guildId, userId))
    .returning();
  const [active] = await tx
    .insert(economySeeds)
    .values({
      guildId,
      userId,
      seed: fresh.seed,
      seedHash: fresh.hash,
      state: "active",
      createdAt: now,
    })
    .returning();
  if (!active) throw new Error("seed insert returned nothing");
  return { revealed: revealed ?? null, active };
}

/** A seed by id, within a guild. */
export async function findSeed(
  db: Executor,
  guildId: string,
  id: number,
): Promise<FairSeed | null> {
  const [row] = await db
    .select()
    .from(economySeeds)
    .where(and(eq(economySeeds.guildId, guildId), eq(economySeeds.id, id)));
  return row ?? null;
}
