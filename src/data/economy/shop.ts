import { and, asc, count, eq, ilike, isNull, sql } from "drizzle-orm";
import { economyShopItems, type ShopItem } from "../../db/schema.ts";
import type { Executor, Transaction } from "./executor.ts";

/** An item to put on sale. */
export type NewShopItem = typeof economyShopItems.$inferInsert;

const onSale = (guildId: string) =>
  and(eq(economyShopItems.guildId, guildId), isNull(economyShopItems.removedAt));
const named = (name: string) => sql`lower(${economyShopItems.name}) = lower(${name})`;

/** Puts an item on sale; null when one of that name is already on sale. */
export async function insertItem(db: Executor, item: NewShopItem): Promise<ShopItem | null> {
  const [row] = await db.insert(economyShopItems).values(item).onConflictDoNothing().returning();
  return row ?? null;
}

/** An item on sale, by name (any case), locked until the transaction ends (stock). */
export async function lockItem(
  tx: Transaction,
  guildId: string,
  name: string,
): Promise<ShopItem | null> {
  const [row] = await tx
    .select()
    .from(economyShopItems)
    .where(and(onSale(guildId), named(name)))
    .for("update");
  return row ?? null;
}

/** Changes an item's stock (a sale takes one, a refund puts it back); unlimited stays so. */
export async function changeStock(tx: Transaction, id: number, delta: number): Promise<void> {
  await tx
    .update(economyShopItems)
    .set({ stock: sql`${economyShopItems.stock} + ${delta}` })
    .where(and(eq(economyShopItems.id, id), sql`${economyShopItems.stock} is not null`));
}

/** Takes an item off sale; null when there is none of that name. */
export async function removeItem(
  db: Executor,
  guildId: string,
  name: string,
  at: Date,
): Promise<ShopItem | null> {
  const [row] = await db
    .update(economyShopItems)
    .set({ removedAt: at })
    .where(and(onSale(guildId), named(name)))
    .returning();
  return row ?? null;
}

/** Items on sale, cheapest first, and how many. */
export async function itemsOnSale(
  db: Executor,
  guildId: string,
  page: { offset: number; limit: number },
): Promise<{ rows: ShopItem[]; total: number }> {
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(economyShopItems)
      .where(onSale(guildId))
      .orderBy(asc(economyShopItems.price), asc(economyShopItems.name))
      .offset(page.offset)
      .limit(page.limit),
    db.select({ n: count() }).from(economyShopItems).where(onSale(guildId)),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** Names of items on sale containing `typed` (for autocomplete), at most `limit`. */
export async function itemNames(
  db: Executor,
  guildId: string,
  typed: string,
  limit: number,
): Promise<ShopItem[]> {
  const pattern = `%${typed.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  return db
    .select()
    .from(economyShopItems)
    .where(and(onSale(guildId), ilike(economyShopItems.name, pattern)))
    .orderBy(asc(economyShopItems.name))
    .limit(limit);
}

/** An item by id (also one taken off sale since). */
export async function findItem(db: Executor, id: number): Promise<ShopItem | null> {
  const [row] = await db.select().from(economyShopItems).where(eq(economyShopItems.id, id));
  return row ?? null;
}
