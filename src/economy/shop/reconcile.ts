import { claimStalePurchases, settlePurchase } from "../../data/economy/inventory.ts";
import type { InventoryItem } from "../../db/schema.ts";
import { describeError } from "../../platform/logger.ts";
import type { Deps } from "../../ports/index.ts";
import { grantRefusal, refundPurchase } from "./buy.ts";

/** A purchase pending this long lost its grant call (timeout, process cut off). */
const STALE_MS = 2 * 60_000;
const BATCH = 25;

/**
 * Settles role purchases left pending: the member has the role → owned; they do not (or
 * left) → refunded. One Discord read each; a purchase Discord does not answer for stays
 * pending for the next run. Returns how many it settled.
 */
export async function reconcilePurchases(deps: Deps, now: Date): Promise<number> {
  const stale = await deps.db.transaction((tx) =>
    claimStalePurchases(tx, new Date(now.getTime() - STALE_MS), BATCH),
  );
  let settled = 0;
  for (const purchase of stale) {
    if (await reconcileOne(deps, purchase, now)) settled++;
  }
  return settled;
}

async function reconcileOne(deps: Deps, purchase: InventoryItem, now: Date): Promise<boolean> {
  let roles: string[] | null;
  try {
    roles = await deps.discord.guilds.memberRoles(purchase.guildId, purchase.userId);
  } catch (error) {
    if (!grantRefusal(error, purchase.roleId ?? "")) {
      deps.log.warn("economy.reconcile_failed", {
        purchase_id: purchase.id,
        error: describeError(error),
      });
      return false;
    }
    roles = null;
  }
  if (roles?.includes(purchase.roleId ?? ""))
    return settlePurchase(deps.db, purchase.id, "owned", now);
  const reason =
    roles === null
      ? "The role could not be given (the buyer left, or Chopsticks may not)."
      : "The role was never given.";
  return (await refundPurchase(deps, purchase, reason)) !== null;
}
