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
  const accounts = accountsOf(posting.transfers);
  // Round trip 1: the transfers under their key and, only if they are new, the accounts —
  // created at 0 when missing, locked when present, in sorted order (the upsert's conflict
  // path takes each row lock, one after the other, in the order the rows come).
  const transferRows = sql.join(
    posting.transfers.map(
      (t, leg) =>
        sql`(${guildId}::text, ${posting.key}::text, ${leg}::smallint, ${t.from}::text, ${t.to}::text, ${String(t.amount)}::bigint, ${t.kind}::text, ${posting.ref ?? null}::text, ${posting.actorId}::text, ${t.memo ?? null}::text)`,
    ),
    sql`, `,
  );
  const accountRows = sql.join(
    accounts.map((account) => sql`(${account}::text)`),
    sql`, `,
  );
  const first = rowsOf<{ what: "transfer" | "account"; name: string; value: string }>(
    await tx.execute(sql`
      with t as (
        insert into ${economyTransfers}
          (guild_id, key, leg, from_account, to_account, amount, kind, ref, actor_id, memo)
        values ${transferRows}
        on conflict do nothing
        returning id, leg
      ), a as (
        insert into ${economyAccounts} (guild_id, account, balance)
        select ${guildId}::text, x.account, 0 from (values ${accountRows}) as x(account)
        where exists (select 1 from t)
        order by x.account
        on conflict (guild_id, account) do update set balance = ${economyAccounts}.balance
        returning account, balance
      )
      select 'transfer' as what, leg::text as name, id::text as value from t
      union all
      select 'account', account, balance::text from a`),
  );
  const transferIds = new Map(
    first.filter((r) => r.what === "transfer").map((r) => [Number(r.name), Number(r.value)]),
  );
  if (transferIds.size === 0) return { applied: false };
  if (transferIds.size !== posting.transfers.length)
    throw new Error(`posting ${posting.key} was partly applied before`);

  const applied = applyInOrder(
    new Map(first.filter((r) => r.what === "account").map((r) => [r.name, BigInt(r.value)])),
    posting.transfers,
    mayGoNegative,
  );
  if (!applied.ok) {
    const { account, balance, needed } = applied.overdraft;
    throw new InsufficientFundsError(account, balance, needed);
  }

  // Round trip 2: the new balances and two ledger entries per transfer.
  const balances = sql.join(
    [...applied.balances].map(
      ([account, balance]) => sql`(${account}::text, ${String(balance)}::bigint)`,
    ),
    sql`, `,
  );
  const entries = sql.join(
    posting.transfers.flatMap((t, leg) => {
      const id = transferIds.get(leg) as number;
      return [
        sql`(${guildId}::text, ${id}::bigint, ${t.from}::text, ${String(-t.amount)}::bigint)`,
        sql`(${guildId}::text, ${id}::bigint, ${t.to}::text, ${String(t.amount)}::bigint)`,
      ];
    }),
    sql`, `,
  );
  const written = rowsOf<{ id: string }>(
    await tx.execute(sql`
    with u as (
      update ${economyAccounts} set balance = v.balance
      from (values ${balances}) as v(account, balance)
      where ${economyAccounts.guildId} = ${guildId} and ${economyAccounts.account} = v.account
      returning 1
    )
    insert into ${economyEntries} (guild_id, transfer_id, account, delta)
    select * from (values ${entries}) as e(guild_id, transfer_id, account, delta)
    where (select count(*) from u) = ${applied.balances.size}
    returning transfer_id as id`),
  );
  // Every balance updated and every entry written, or the transaction must not commit.
  if (written.length !== posting.transfers.length * 2)
    throw new Error(`posting ${posting.key}: balances and entries did not all land`);
  return {
    applied: true,
    transferIds: [...transferIds.values()],
    balances: applied.balances,
  };
}

/** The rows of a raw query, whichever driver ran it (node-postgres, Neon and PGlite differ). */
function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
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
