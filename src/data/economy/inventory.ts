import { and, count, desc, eq, inArray, lt } from "drizzle-orm";
import { economyInventory, type InventoryItem } from "../../db/schema.ts";
import type { Executor, Transaction } from "./executor.ts";

/** Something a member now owns (or is being granted). */
export type NewInventoryItem = typeof economyInventory.$inferInsert;

/** Adds an item; null when its key was used before (the same purchase again). */
export async function addInventory(
  tx: Transaction,
  item: NewInventoryItem,
): Promise<InventoryItem | null> {
  const [row] = await tx.insert(economyInventory).values(item).onConflictDoNothing().returning();
  return row ?? null;
}

/** How many of a shop item a member holds or is being granted. */
export async function heldCount(
  db: Executor,
  guildId: string,
  userId: string,
  itemId: number,
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(economyInventory)
    .where(
      and(
        eq(economyInventory.guildId, guildId),
        eq(economyInventory.userId, userId),
        eq(economyInventory.itemId, itemId),
        inArray(economyInventory.state, ["owned", "pending"]),
      ),
    );
  return row?.n ?? 0;
}

/** Moves a purchase on from `pending`; false when it had already moved on. */
export async function settlePurchase(
  tx: Executor,
  id: number,
  state: "owned" | "refunded",
  at: Date,
  note: string | null = null,
): Promise<boolean> {
  const rows = await tx
    .update(economyInventory)
    .set({ state, note, updatedAt: at })
    .where(and(eq(economyInventory.id, id), eq(economyInventory.state, "pending")))
    .returning({ id: economyInventory.id });
  return rows.length === 1;
}

/** A member's owned items, newest first, and how many. */
export async function ownedItems(
  db: Executor,
  guildId: string,
  userId: string,
  page: { offset: number; limit: number },
): Promise<{ rows: InventoryItem[]; total: number }> {
  const mine = and(
    eq(economyInventory.guildId, guildId),
    eq(economyInventory.userId, userId),
    eq(economyInventory.state, "owned"),
  );
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(economyInventory)
      .where(mine)
      .orderBy(desc(economyInventory.id))
      .offset(page.offset)
      .limit(page.limit),
    db.select({ n: count() }).from(economyInventory).where(mine),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** Role purchases still `pending` since before `before`, locked, skipping ones in hand elsewhere. */
export async function claimStalePurchases(
  tx: Transaction,
  before: Date,
  limit: number,
): Promise<InventoryItem[]> {
  return tx
    .select()
    .from(economyInventory)
    .where(and(eq(economyInventory.state, "pending"), lt(economyInventory.createdAt, before)))
    .orderBy(economyInventory.createdAt)
    .limit(limit)
    .for("update", { skipLocked: true });
}
