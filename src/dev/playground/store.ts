import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Logger } from "../../ports/index.ts";
import {
  applySeeds,
  restoreSnapshot,
  type SimSnapshot,
  type SimState,
  toSnapshot,
} from "../discord-sim/index.ts";

/** The simulated guild's file in the data directory. */
export const SIM_FILE = "discord-sim.json";

/**
 * Keeps the playground's simulated Discord in `<dataDir>/discord-sim.json`: loaded (or seeded)
 * at start, any seed added since applied, written after every change.
 */
export class PlaygroundStore {
  readonly #path: string;
  readonly #seeds = new Set<string>();

  constructor(
    private readonly dataDir: string,
    private readonly state: SimState,
    private readonly log: Logger,
  ) {
    this.#path = join(dataDir, SIM_FILE);
  }

  /** Loads the saved guild, or seeds a new one; applies seeds added since; saves. */
  open(): void {
    if (existsSync(this.#path)) {
      try {
        const snapshot = JSON.parse(readFileSync(this.#path, "utf8")) as SimSnapshot;
        restoreSnapshot(this.state, snapshot);
        for (const name of snapshot.seeds) this.#seeds.add(name);
      } catch (error) {
        // A damaged or outdated file: start over rather than refuse to start.
        this.log.warn("playground.reseeded", {
          file: this.#path,
          error: error instanceof Error ? error.message : String(error),
        });
        this.state.clear();
        this.#seeds.clear();
      }
    }
    const added = applySeeds(this.state, this.#seeds);
    for (const name of added) this.#seeds.add(name);
    if (added.length) this.log.info("playground.seeded", { seeds: added.join(",") });
    this.save();
  }

  /** Forgets every change and seeds the guild afresh. */
  reset(): void {
    this.state.clear();
    this.#seeds.clear();
    for (const name of applySeeds(this.state, this.#seeds)) this.#seeds.add(name);
    this.save();
  }

  /** Writes the state (atomically: a crash never leaves half a file). */
  save(): void {
    mkdirSync(this.dataDir, { recursive: true });
    const temporary = `${this.#path}.tmp`;
    writeFileSync(temporary, JSON.stringify(toSnapshot(this.state, this.#seeds)));
    renameSync(temporary, this.#path);
  }
}
