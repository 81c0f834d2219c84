/** Why a target is left out of a massban. */
export type SkipReason =
  | "you"
  | "Chopsticks itself"
  | "server owner"
  | "role at or above yours"
  | "role at or above Chopsticks' highest role"
  | "could not check their roles";

/** A target left out, and why. */
export interface Skip {
  id: string;
  reason: SkipReason;
}

/** Everything the skip rules look at; gathered by the caller, no I/O here. */
export interface HierarchyInput {
  targets: readonly string[];
  invokerId: string;
  invokerRoles: readonly string[];
  botId: string;
  botRoles: readonly string[];
  ownerId: string;
  /** Role id → position. @everyone (position 0) may be absent. */
  rolePositions: ReadonlyMap<string, number>;
  /** Targets that are members, with their role ids; absent = not a member. */
  memberRoles: ReadonlyMap<string, readonly string[]>;
  /** Targets whose membership could not be checked. */
  unchecked: ReadonlySet<string>;
}

/** The position of a member's highest role; 0 (@everyone) for a member without roles. */
export function highestPosition(
  roles: readonly string[],
  positions: ReadonlyMap<string, number>,
): number {
  return roles.reduce((top, id) => Math.max(top, positions.get(id) ?? 0), 0);
}

/**
 * Splits targets into those that may be banned and those that must not be, with the first
 * reason that applies. Someone whose roles could not be checked is never banned. Users who are
 * not members have no roles, so they outrank nobody.
 */
export function partitionTargets(input: HierarchyInput): { ban: string[]; skipped: Skip[] } {
  const invokerTop = highestPosition(input.invokerRoles, input.rolePositions);
  const botTop = highestPosition(input.botRoles, input.rolePositions);
  const invokerIsOwner = input.invokerId === input.ownerId;
  const ban: string[] = [];
  const skipped: Skip[] = [];
  for (const id of input.targets) {
    const reason = skipReason(id);
    if (reason) skipped.push({ id, reason });
    else ban.push(id);
  }
  return { ban, skipped };

  function skipReason(id: string): SkipReason | null {
    if (id === input.invokerId) return "you";
    if (id === input.botId) return "Chopsticks itself";
    if (id === input.ownerId) return "server owner";
    if (input.unchecked.has(id)) return "could not check their roles";
    const roles = input.memberRoles.get(id);
    if (!roles) return null;
    const top = highestPosition(roles, input.rolePositions);
    if (!invokerIsOwner && top >= invokerTop) return "role at or above yours";
    if (top >= botTop) return "role at or above Chopsticks' highest role";
    return null;
  }
}
