import { newServerSeed, seedHash } from "../../domain/economy/fairness.ts";

/** A fresh server seed and its published hash. */
export async function makeSeed(): Promise<{ seed: string; hash: string }> {
  const seed = newServerSeed();
  return { seed, hash: await seedHash(seed) };
}
