import type { Transaction } from "../../data/economy/executor.ts";
import {
  addCrewMember,
  claimDueHeist,
  closeHeist,
  crewOf,
  insertHeist,
  lockHeist,
} from "../../data/economy/heists.ts";
import { post } from "../../data/economy/ledger.ts";
import type { Heist } from "../../db/schema.ts";
import { escrow, HOUSE, wallet } from "../../domain/economy/accounts.ts";
import {
  decideHeist,
  HEIST_WINDOW_MS,
  type HeistResult,
  memberReturn,
  ROLL_RANGE,
} from "../../domain/economy/heist.ts";
import type { Transfer } from "../../domain/economy/transfers.ts";
import { UserError } from "../../interactions/index.ts";
import type { Deps } from "../../ports/index.ts";
import { applicationOf } from "../application.ts";
import { type Outcome, ReplayedError, replayedOnThrow } from "../outcome.ts";

/** A heist with its crew, as the message shows it. */
export interface HeistState {
  heist: Heist;
  crew: string[];
}

/** Opens a heist: the starter is the first of the crew, their stake in escrow at once. */
export async function startHeist(
  deps: Deps,
  input: { guildId: string; starterId: string; stake: bigint; key: string },
): Promise<Outcome<HeistState>> {
  return replayedOnThrow(() =>
    deps.db.transaction(async (tx) => {
      const now = new Date(deps.clock.now());
      const heist = await insertHeist(tx, {
        guildId: input.guildId,
        applicationId: applicationOf(deps),
        key: input.key,
        starterId: input.starterId,
        stake: input.stake,
        state: "open",
        dueAt: new Date(now.getTime() + HEIST_WINDOW_MS),
        createdAt: now,
      });
      if (!heist) throw new ReplayedError();
      await addCrewMember(tx, heist.id, input.starterId, now);
      const staked = await post(tx, {
        guildId: input.guildId,
        key: input.key,
        actorId: input.starterId,
        ref: `heist:${heist.id}`,
        transfers: [
          {
            from: wallet(input.starterId),
            to: escrow("heist", heist.id),
            amount: input.stake,
            kind: "heist_stake",
          },
        ],
      });
      if (!staked.applied) throw new ReplayedError();
      return { status: "done", heist, crew: [input.starterId] } as const;
    }),
  );
}

/** How a settled heist went, as stored on the row. */
export interface HeistOutcome {
  result: HeistResult;
  /** What each member got back, as decimal strings (JSON has no bigints). */
  shares: Record<string, string>;
}

/**
 * Settles a heist whose row the caller holds locked: a crew under 2 gets its stakes back;
 * otherwise the roll decides — success pays each member twice their stake (the extra from
 * `house`), failure gives the stakes to `house`. One posting under `heist:<id>:settle`, and the
 * state moves from `open` to `settled` in the same transaction.
 */
async function settleLocked(
  deps: Deps,
  tx: Transaction,
  heist: Heist,
  now: Date,
): Promise<HeistState> {
  const crew = await crewOf(tx, heist.id);
  const result = decideHeist(crew.length, deps.random.int(ROLL_RANGE));
  const pot = escrow("heist", heist.id);
  const back = memberReturn(result, heist.stake);
  const transfers: Transfer[] = [];
  const shares: Record<string, string> = {};
  for (const userId of crew) {
    if (back.escrow > 0n)
      transfers.push({ from: pot, to: wallet(userId), amount: back.escrow, kind: "heist_return" });
    if (back.house > 0n)
      transfers.push({ from: HOUSE, to: wallet(userId), amount: back.house, kind: "heist_win" });
    shares[userId] = String(back.escrow + back.house);
  }
  if (result.kind === "failure" && crew.length > 0)
    transfers.push({
      from: pot,
      to: HOUSE,
      amount: heist.stake * BigInt(crew.length),
      kind: "heist_loss",
    });
  if (transfers.length > 0) {
    const posted = await post(tx, {
      guildId: heist.guildId,
      key: `heist:${heist.id}:settle`,
      actorId: null,
      ref: `heist:${heist.id}`,
      transfers,
    });
    if (!posted.applied) throw new Error(`heist ${heist.id} was paid out before`);
  }
  const outcome: HeistOutcome = { result, shares };
  const closed = await closeHeist(tx, heist.id, outcome as unknown as Record<string, unknown>, now);
  return { heist: closed, crew };
}

/**
 * Settles one due heist (of one guild, or any), claimed with `SKIP LOCKED`: a heist being
 * joined or settled elsewhere right now is skipped (and found again next time). Null when
 * none was due and free.
 */
export async function settleNextDueHeist(
  deps: Deps,
  now: Date,
  guildId?: string,
): Promise<HeistState | null> {
  return deps.db.transaction(async (tx) => {
    const heist = await claimDueHeist(tx, { now, applicationId: applicationOf(deps), guildId });
    return heist ? settleLocked(deps, tx, heist, now) : null;
  });
}

/** What a Join press did. */
export type JoinOutcome =
  | { kind: "joined"; state: HeistState }
  /** The window had closed: the press settled the heist (or found it settled). */
  | { kind: "closed"; state: HeistState; settledNow: boolean };

/**
 * Joins a member to an open heist, their stake into escrow in the same transaction. A press
 * after the window settles the heist at once instead. Joining twice is refused.
 */
export async function joinHeist(
  deps: Deps,
  input: { guildId: string; heistId: number; userId: string; key: string },
): Promise<JoinOutcome> {
  return deps.db.transaction(async (tx): Promise<JoinOutcome> => {
    const heist = await lockHeist(tx, input.guildId, input.heistId);
    if (!heist) throw new UserError(`There is no heist #${input.heistId} here.`, "Unknown heist");
    const now = new Date(deps.clock.now());
    if (heist.state !== "open")
      return {
        kind: "closed",
        state: { heist, crew: await crewOf(tx, heist.id) },
        settledNow: false,
      };
    if (now.getTime() >= heist.dueAt.getTime())
      return { kind: "closed", state: await settleLocked(deps, tx, heist, now), settledNow: true };
    if (!(await addCrewMember(tx, heist.id, input.userId, now)))
      throw new UserError("You are already in this crew.", "Already in");
    const staked = await post(tx, {
      guildId: input.guildId,
      key: input.key,
      actorId: input.userId,
      ref: `heist:${heist.id}`,
      transfers: [
        {
          from: wallet(input.userId),
          to: escrow("heist", heist.id),
          amount: heist.stake,
          kind: "heist_stake",
        },
      ],
    });
    if (!staked.applied) throw new UserError("You are already in this crew.", "Already in");
    return { kind: "joined", state: { heist, crew: await crewOf(tx, heist.id) } };
  });
}
