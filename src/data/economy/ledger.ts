import { and, eq, inArray, sql } from "drizzle-orm";
import { economyAccounts, economyEntries, economyTransfers } from "../../db/schema.ts";
import { type Account, mayGoNegative } from "../../domain/economy/accounts.ts";
import { InsufficientFundsError } from "../../domain/economy/errors.ts";
import { accountsOf, applyInOrder, type Posting } from "../../domain/economy/transfers.ts";
import type { Executor, Transaction } from "./executor.ts";

/** What a posting did: applied (with the balances after it), or already applied before. */
export type PostingResult =
  | { applied: true; transferIds: number[]; balances: Map<Account, bigint> }
  | { applied: false };

/**
 * Applies a posting inside the caller's transaction:
 * 1. inserts its transfers under the idempotency key (a key already used means the operation
 *    was applied before: nothing else happens);
 * 2. locks every account it touches, in sorted order, and checks that, applying the transfers
 *    in order, none but `mint` and `house` goes below zero (a CHECK constraint backs this up);
 * 3. writes the new balances and appends two ledger entries per transfer.
 * One posting per transaction: its accounts are locked together, in order, after any domain
 * row (game, heist, auction) the transaction locked first.
 * Throws {@link InsufficientFundsError}, which rolls the whole transaction back.
 */
export async function post(tx: Transaction, posting: Posting): Promise<PostingResult> {
  const { guildId } = posting;
  const inserted = await tx
    .insert(economyTransfers)
    .values(
      posting.transfers.map((t, leg) => ({
        guildId,
        key: posting.key,
        leg,
        fromAccount: t.from,
        toAccount: t.to,
        amount: t.amount,
        kind: t.kind,
        ref: posting.ref ?? null,
        actorId: posting.actorId,
        memo: t.memo ?? null,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: economyTransfers.id, leg: economyTransfers.leg });
  if (inserted.length === 0) return { applied: false };
  if (inserted.length !== posting.transfers.length)
    throw new Error(`posting ${posting.key} was partly applied before`);

  const accounts = accountsOf(posting.transfers);
  // One statement creates missing accounts at 0 and locks existing ones, in sorted order.
  const locked = await tx
    .insert(economyAccounts)
    .values(accounts.map((account) => ({ guildId, account, balance: 0n })))
    .onConflictDoUpdate({
      target: [economyAccounts.guildId, economyAccounts.account],
      set: { balance: sql`${economyAccounts.balance}` },
    })
    .returning({ account: economyAccounts.account, balance: economyAccounts.balance });
  const applied = applyInOrder(
    new Map(locked.map((row) => [row.account, row.balance])),
    posting.transfers,
    mayGoNegative,
  );
  if (!applied.ok) {
    const { account, balance, needed } = applied.overdraft;
    throw new InsufficientFundsError(account, balance, needed);
  }
  const changed = [...applied.balances];
  const values = sql.join(
    changed.map(([account, balance]) => sql`(${account}, ${balance}::bigint)`),
    sql`, `,
  );
  await tx.execute(
    sql`update ${economyAccounts} set balance = v.balance
        from (values ${values}) as v(account, balance)
        where ${economyAccounts.guildId} = ${guildId} and ${economyAccounts.account} = v.account`,
  );

  const byLeg = new Map(inserted.map((row) => [row.leg, row.id]));
  await tx.insert(economyEntries).values(
    posting.transfers.flatMap((t, leg) => {
      const transferId = byLeg.get(leg) as number;
      return [
        { guildId, transferId, account: t.from, delta: -t.amount },
        { guildId, transferId, account: t.to, delta: t.amount },
      ];
    }),
  );
  return {
    applied: true,
    transferIds: inserted.map((row) => row.id),
    balances: applied.balances,
  };
}

/** Balances of some accounts (0 for an account never used). */
export async function balancesOf(
  db: Executor,
  guildId: string,
  accounts: readonly Account[],
): Promise<Map<Account, bigint>> {
  const rows = await db
    .select({ account: economyAccounts.account, balance: economyAccounts.balance })
    .from(economyAccounts)
    .where(and(eq(economyAccounts.guildId, guildId), inArray(economyAccounts.account, accounts)));
  const found = new Map(rows.map((row) => [row.account, row.balance]));
  return new Map(accounts.map((account) => [account, found.get(account) ?? 0n]));
}

/** One account's balance (0 when never used). */
export async function balanceOf(db: Executor, guildId: string, account: Account): Promise<bigint> {
  return (await balancesOf(db, guildId, [account])).get(account) ?? 0n;
}

/** Whether an operation key was already used in the guild (its posting applied). */
export async function keyUsed(db: Executor, guildId: string, key: string): Promise<boolean> {
  const [row] = await db
    .select({ id: economyTransfers.id })
    .from(economyTransfers)
    .where(and(eq(economyTransfers.guildId, guildId), eq(economyTransfers.key, key)))
    .limit(1);
  return row !== undefined;
}
