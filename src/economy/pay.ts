import { post } from "../data/economy/ledger.ts";
import { type Account, wallet } from "../domain/economy/accounts.ts";
import type { Deps } from "../ports/index.ts";
import type { Outcome } from "./outcome.ts";

/** A payment from one member to another. */
export interface Payment {
  guildId: string;
  fromId: string;
  toId: string;
  amount: bigint;
  /** The interaction id. */
  key: string;
  memo?: string | null;
}

/**
 * Moves coins between two wallets; the payer's wallet must cover it. One posting, so one
 * statement: it is its own transaction.
 */
export async function payMember(
  deps: Deps,
  payment: Payment,
): Promise<Outcome<{ balances: Map<Account, bigint> }>> {
  const result = await post(deps.db, {
    guildId: payment.guildId,
    key: payment.key,
    actorId: payment.fromId,
    transfers: [
      {
        from: wallet(payment.fromId),
        to: wallet(payment.toId),
        amount: payment.amount,
        kind: "pay",
        memo: payment.memo ?? null,
      },
    ],
  });
  return result.applied ? { status: "done", balances: result.balances } : { status: "replayed" };
}
