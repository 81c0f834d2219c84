import { addInventory, heldCount, settlePurchase } from "../../data/economy/inventory.ts";
import { post } from "../../data/economy/ledger.ts";
import { changeStock, lockItem } from "../../data/economy/shop.ts";
import type { InventoryItem, ShopItem } from "../../db/schema.ts";
import { MINT, wallet } from "../../domain/economy/accounts.ts";
import { UserError } from "../../interactions/index.ts";
import { describeError } from "../../platform/logger.ts";
import { type Deps, DiscordRequestError, MissingBotTokenError } from "../../ports/index.ts";
import { type Outcome, ReplayedError, replayedOnThrow } from "../outcome.ts";

/** What a purchase came to. */
export type Purchase =
  | { kind: "bought"; item: ShopItem; purchase: InventoryItem; balance: bigint }
  /** The role could not be granted: the coins came back in the same flow, for `reason`. */
  | { kind: "refunded"; item: ShopItem; reason: string; balance: bigint }
  /** Discord did not answer: the purchase stays pending until the scheduled check settles it. */
  | { kind: "pending"; item: ShopItem; balance: bigint };

/**
 * Charges for an item (coins back to `mint`) in one transaction with the stock and
 * per-member limit checks and the inventory row; a role item is `pending` until granted.
 */
async function charge(
  deps: Deps,
  input: {
    guildId: string;
    userId: string;
    memberRoles: readonly string[];
    name: string;
    key: string;
  },
): Promise<Outcome<{ item: ShopItem; purchase: InventoryItem; balance: bigint }>> {
  return replayedOnThrow(() =>
    deps.db.transaction(async (tx) => {
      const item = await lockItem(tx, input.guildId, input.name);
      if (!item)
        throw new UserError(`There is no item called “${input.name}” in the shop.`, "Unknown item");
      if (item.roleId && input.memberRoles.includes(item.roleId))
        throw new UserError(`You already have <@&${item.roleId}>.`, "Already yours");
      if (item.stock !== null && item.stock <= 0)
        throw new UserError(`**${item.name}** is sold out.`, "Sold out");
      if (
        item.perMemberLimit !== null &&
        (await heldCount(tx, input.guildId, input.userId, item.id)) >= item.perMemberLimit
      )
        throw new UserError(
          `You may own at most ${item.perMemberLimit} of **${item.name}**.`,
          "Limit reached",
        );
      const purchase = await addInventory(tx, {
        guildId: input.guildId,
        userId: input.userId,
        itemId: item.id,
        name: item.name,
        kind: item.kind,
        roleId: item.roleId,
        price: item.price,
        state: item.roleId ? "pending" : "owned",
        key: input.key,
        createdAt: new Date(deps.clock.now()),
      });
      if (!purchase) throw new ReplayedError();
      const member = wallet(input.userId);
      const posted = await post(tx, {
        guildId: input.guildId,
        key: input.key,
        actorId: input.userId,
        ref: `item:${item.id}`,
        transfers: [
          { from: member, to: MINT, amount: item.price, kind: "purchase", memo: item.name },
        ],
      });
      if (!posted.applied) throw new ReplayedError();
      await changeStock(tx, item.id, -1);
      return {
        status: "done",
        item,
        purchase,
        balance: posted.balances.get(member) ?? 0n,
      } as const;
    }),
  );
}

/**
 * Gives a pending purchase its coins back (and its stock), under `<key>:refund`. Does nothing
 * when the purchase already moved on (granted, or refunded by another run).
 */
export async function refundPurchase(
  deps: Deps,
  purchase: InventoryItem,
  reason: string,
): Promise<bigint | null> {
  return deps.db.transaction(async (tx) => {
    const at = new Date(deps.clock.now());
    if (!(await settlePurchase(tx, purchase.id, "refunded", at, reason))) return null;
    const member = wallet(purchase.userId);
    const posted = await post(tx, {
      guildId: purchase.guildId,
      key: `${purchase.key}:refund`,
      actorId: null,
      ref: purchase.itemId ? `item:${purchase.itemId}` : null,
      transfers: [{ from: MINT, to: member, amount: purchase.price, kind: "refund", memo: reason }],
    });
    if (purchase.itemId) await changeStock(tx, purchase.itemId, 1);
    return posted.applied ? (posted.balances.get(member) ?? 0n) : null;
  });
}

/** Why Discord refused a role, in words for the buyer. */
export function grantRefusal(error: unknown, roleId: string): string | null {
  if (error instanceof MissingBotTokenError)
    return "Chopsticks has no bot token here, so it cannot give roles.";
  if (!(error instanceof DiscordRequestError)) return null;
  if (error.code === 50013 || error.code === 50001)
    return `Chopsticks may not give <@&${roleId}>: it needs **Manage Roles**, and its highest role must be above that role.`;
  if (error.code === 10011) return "That role no longer exists.";
  if (error.code === 10007) return "You are no longer a member of this server.";
  if (error.status >= 400 && error.status < 500) return `Discord refused: ${error.detail}.`;
  return null;
}

/**
 * Buys an item. A role is granted through Discord after the charge; when Discord refuses,
 * the coins come back at once and the buyer is told why. When Discord does not answer, the
 * purchase stays pending and the scheduled check settles it (granted or refunded).
 */
export async function buyItem(
  deps: Deps,
  input: {
    guildId: string;
    userId: string;
    memberRoles: readonly string[];
    name: string;
    key: string;
  },
): Promise<Outcome<Purchase>> {
  const charged = await charge(deps, input);
  if (charged.status === "replayed") return charged;
  const { item, purchase, balance } = charged;
  if (!purchase.roleId) return { status: "done", kind: "bought", item, purchase, balance };
  try {
    await deps.discord.guilds.addMemberRole(
      input.guildId,
      input.userId,
      purchase.roleId,
      `Bought in the shop: ${item.name}`,
    );
  } catch (error) {
    const reason = grantRefusal(error, purchase.roleId);
    if (!reason) {
      deps.log.warn("economy.role_grant_unknown", {
        purchase_id: purchase.id,
        error: describeError(error),
      });
      return { status: "done", kind: "pending", item, balance };
    }
    const refunded = await refundPurchase(deps, purchase, reason);
    return {
      status: "done",
      kind: "refunded",
      item,
      reason,
      balance: refunded ?? balance + item.price,
    };
  }
  await settlePurchase(deps.db, purchase.id, "owned", new Date(deps.clock.now()));
  return {
    status: "done",
    kind: "bought",
    item,
    purchase: { ...purchase, state: "owned" },
    balance,
  };
}
