import { post } from "../data/economy/ledger.ts";
import { lockMember, recordWork } from "../data/economy/members.ts";
import { MINT, wallet } from "../domain/economy/accounts.ts";
import { workBlockedUntil } from "../domain/economy/timers.ts";
import type { Deps } from "../ports/index.ts";
import type { Outcome } from "./outcome.ts";

/** What `/work` did. */
export type WorkResult = Outcome<
  { paid: true; amount: bigint; balance: bigint } | { paid: false; nextAt: number }
>;

/** Pays a random amount in the guild's range, once per hour. */
export async function doWork(
  deps: Deps,
  input: { guildId: string; userId: string; min: bigint; max: bigint; key: string },
): Promise<WorkResult> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const timers = await lockMember(tx, input.guildId, input.userId);
    const blockedUntil = workBlockedUntil(timers.lastWorkAt?.getTime() ?? null, now);
    if (blockedUntil !== null) return { status: "done", paid: false, nextAt: blockedUntil };
    const span = Number(input.max - input.min) + 1;
    const amount = input.min + BigInt(deps.random.int(span));
    const member = wallet(input.userId);
    const result = await post(tx, {
      guildId: input.guildId,
      key: input.key,
      actorId: input.userId,
      transfers: [{ from: MINT, to: member, amount, kind: "work" }],
    });
    if (!result.applied) return { status: "replayed" };
    await recordWork(tx, input.guildId, input.userId, new Date(now));
    return { status: "done", paid: true, amount, balance: result.balances.get(member) ?? 0n };
  });
}
