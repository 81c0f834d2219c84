import type { SimState } from "../state.ts";
import type { PlaygroundIds } from "./ids.ts";

/**
 * One feature's part of the simulated guild. `apply` runs once per playground, in list order,
 * and is remembered by `name` in `.data/`: a seed added later is applied to an existing
 * playground on its next start, without resetting it. Never rename a seed.
 */
export interface PlaygroundSeed {
  name: string;
  apply(state: SimState, ids: PlaygroundIds): void;
}
