import { and, eq, inArray, sql } from "drizzle-orm";
import { economyAccounts, economyTransfers } from "../../db/schema.ts";
import type { Account } from "../../domain/economy/accounts.ts";
import { InsufficientFundsError } from "../../domain/economy/errors.ts";
import type { Posting } from "../../domain/economy/transfers.ts";
import type { Executor } from "./executor.ts";

/** What a posting did: applied (with the balances after it), or already applied before. */
export type PostingResult =
  | { applied: true; transferIds: number[]; balances: Map<Account, bigint> }
  | { applied: false };

/**
 * Applies a posting, in one round trip (the `economy_post` function of migration 0010):
 * 1. inserts its transfers under the idempotency key (a key already used means the operation
 *    was applied before: nothing else happens);
 * 2. locks every account it touches, in sorted order (creating missing ones at 0), and checks
 *    that, applying the transfers in order, none but `mint` and `house` goes below zero (a
 *    CHECK constraint backs this up);
 * 3. writes the new balances and appends two ledger entries per transfer.
 * Run alone it is its own transaction; inside one, a transaction makes at most one posting,
 * after any domain row (game, heist, auction) it locked first: accounts are always locked
 * last and in one sorted batch, so two transactions never wait for each other in a cycle.
 * Throws {@link InsufficientFundsError}; in a transaction, that rolls everything back.
 */
export async function post(db: Executor, posting: Posting): Promise<PostingResult> {
  const legs = posting.transfers.map((t) => {
    if (t.amount <= 0n) throw new Error(`transfer amount must be positive, got ${t.amount}`);
    return { from: t.from, to: t.to, amount: String(t.amount), kind: t.kind, memo: t.memo ?? null };
  });
  let result: { applied: boolean; ids?: number[]; balances?: Record<string, string> };
  try {
    const [row] = rowsOf<{ r: typeof result | string }>(
      await db.execute(
        sql`select economy_post(${posting.guildId}::text, ${posting.key}::text, ${posting.actorId}::text, ${posting.ref ?? null}::text, ${JSON.stringify(legs)}::jsonb) as r`,
      ),
    );
    result = typeof row?.r === "string" ? JSON.parse(row.r) : (row?.r ?? { applied: false });
  } catch (error) {
    throw overdraftOf(error) ?? error;
  }
  if (!result.applied) return { applied: false };
  return {
    applied: true,
    transferIds: result.ids ?? [],
    balances: new Map(
      Object.entries(result.balances ?? {}).map(([account, balance]) => [
        account as Account,
        BigInt(balance),
      ]),
    ),
  };
}

/** The {@link InsufficientFundsError} behind a database error raised by `economy_post`. */
function overdraftOf(error: unknown): InsufficientFundsError | null {
  for (let e = error, depth = 0; e instanceof Error && depth < 4; depth++) {
    const { code, detail } = e as { code?: unknown; detail?: unknown };
    if (code === "EC001" && typeof detail === "string") {
      const { account, balance, needed } = JSON.parse(detail) as Record<string, string>;
      return new InsufficientFundsError(account ?? "?", BigInt(balance ?? 0), BigInt(needed ?? 0));
    }
    e = e.cause;
  }
  return null;
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
