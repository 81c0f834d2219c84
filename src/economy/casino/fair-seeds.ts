import { hasActiveGame } from "../../data/economy/games.ts";
import { ensureActiveSeed, rotateSeed } from "../../data/economy/seeds.ts";
import type { FairSeed } from "../../db/schema.ts";
import { UserError } from "../../interactions/index.ts";
import type { Deps } from "../../ports/index.ts";
import { makeSeed } from "./seeds.ts";

/** The member's active seed (made now if they have none): its hash and next nonce are public. */
export function currentSeed(deps: Deps, guildId: string, userId: string): Promise<FairSeed> {
  return ensureActiveSeed(deps.db, guildId, userId, makeSeed);
}

/**
 * Reveals the member's seed and starts a new one. Refused while a blackjack hand of theirs
 * is in play: its remaining cards come from that seed, and revealing it would show them.
 */
export async function rotateMemberSeed(
  deps: Deps,
  guildId: string,
  userId: string,
): Promise<{ revealed: FairSeed | null; active: FairSeed }> {
  const fresh = await makeSeed();
  return deps.db.transaction(async (tx) => {
    // The seed row is locked first, so a hand cannot start on it while we check.
    const rotated = await rotateSeed(tx, guildId, userId, fresh, new Date(deps.clock.now()));
    if (await hasActiveGame(tx, guildId, userId))
      throw new UserError(
        "Finish your blackjack hand first: its remaining cards come from this seed.",
        "Hand in play",
      );
    return rotated;
  });
}
