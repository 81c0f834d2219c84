import { post } from "../data/economy/ledger.ts";
import { lockMember, recordDaily } from "../data/economy/members.ts";
import { MINT, wallet } from "../domain/economy/accounts.ts";
import { decideDaily } from "../domain/economy/timers.ts";
import type { Deps } from "../ports/index.ts";
import type { Outcome } from "./outcome.ts";

/** What `/daily` did. */
export type DailyResult = Outcome<
  | {
      paid: true;
      amount: bigint;
      streak: number;
      bonusPercent: number;
      balance: bigint;
      nextAt: number;
    }
  | { paid: false; nextAt: number }
>;

/**
 * Pays the daily reward once per 24 h. The member's row is locked while deciding, so two
 * claims at once pay once; the posting's key makes a redelivered interaction pay once too.
 */
export async function claimDaily(
  deps: Deps,
  input: { guildId: string; userId: string; base: bigint; key: string },
): Promise<DailyResult> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const timers = await lockMember(tx, input.guildId, input.userId);
    const decision = decideDaily(
      { lastAt: timers.lastDailyAt?.getTime() ?? null, streak: timers.dailyStreak },
      now,
      input.base,
    );
    if (!decision.ok) return { status: "done", paid: false, nextAt: decision.nextAt };
    const member = wallet(input.userId);
    const result = await post(tx, {
      guildId: input.guildId,
      key: input.key,
      actorId: input.userId,
      transfers: [
        {
          from: MINT,
          to: member,
          amount: decision.amount,
          kind: "daily",
          memo: `day ${decision.streak}`,
        },
      ],
    });
    if (!result.applied) return { status: "replayed" };
    await recordDaily(tx, input.guildId, input.userId, {
      at: new Date(now),
      streak: decision.streak,
    });
    return {
      status: "done",
      paid: true,
      amount: decision.amount,
      streak: decision.streak,
      bonusPercent: decision.bonusPercent,
      balance: result.balances.get(member) ?? 0n,
      nextAt: decision.nextAt,
    };
  });
}
