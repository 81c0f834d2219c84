import { post } from "../data/economy/ledger.ts";
import { createCase } from "../data/moderation/index.ts";
import { type Account, MINT, wallet } from "../domain/economy/accounts.ts";
import { type Currency, formatCoins } from "../domain/economy/amounts.ts";
import type { Deps } from "../ports/index.ts";
import type { Outcome } from "./outcome.ts";

/** A grant (new coins from `mint`) or a take (coins back to `mint`) by a staff member. */
export interface StaffAdjustment {
  guildId: string;
  staffId: string;
  userId: string;
  amount: bigint;
  reason: string | null;
  currency: Currency;
  /** The interaction id. */
  key: string;
}

/**
 * Grants or takes coins and records a modlog case for it, in one transaction: the case
 * exists exactly when the coins moved.
 */
export async function adjustCoins(
  deps: Deps,
  direction: "grant" | "take",
  input: StaffAdjustment,
): Promise<Outcome<{ balance: bigint; caseNumber: number }>> {
  const member = wallet(input.userId);
  return deps.db.transaction(async (tx) => {
    const result = await post(tx, {
      guildId: input.guildId,
      key: input.key,
      actorId: input.staffId,
      transfers: [
        direction === "grant"
          ? { from: MINT, to: member, amount: input.amount, kind: "grant", memo: input.reason }
          : { from: member, to: MINT, amount: input.amount, kind: "take", memo: input.reason },
      ],
    });
    if (!result.applied) return { status: "replayed" };
    const recorded = await createCase(tx, {
      guildId: input.guildId,
      action: direction === "grant" ? "economy_grant" : "economy_take",
      targets: [input.userId],
      moderatorId: input.staffId,
      reason: input.reason,
      details: {
        amount: input.amount.toString(),
        amountText: `${direction === "grant" ? "Granted" : "Took"} ${formatCoins(input.amount, input.currency)}`,
      },
      now: new Date(deps.clock.now()),
    });
    return {
      status: "done",
      balance: result.balances.get(member as Account) ?? 0n,
      caseNumber: recorded.number,
    };
  });
}
