import type { SimState } from "../state.ts";
import { guildSeed } from "./guild.ts";
import { PLAYGROUND } from "./ids.ts";
import type { PlaygroundSeed } from "./types.ts";
import { voiceSeed } from "./voice.ts";

export { PLAYGROUND, type PlaygroundIds } from "./ids.ts";
export type { PlaygroundSeed } from "./types.ts";

/** The simulated guild's seeds, base guild first; a feature appends its own. */
export const PLAYGROUND_SEEDS: readonly PlaygroundSeed[] = [guildSeed, voiceSeed];

/** Applies every seed not in `applied` (in order) and returns the names it applied. */
export function applySeeds(
  state: SimState,
  applied: ReadonlySet<string>,
  seeds: readonly PlaygroundSeed[] = PLAYGROUND_SEEDS,
): string[] {
  const added: string[] = [];
  for (const seed of seeds) {
    if (applied.has(seed.name)) continue;
    seed.apply(state, PLAYGROUND);
    added.push(seed.name);
  }
  return added;
}
