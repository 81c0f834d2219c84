import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Playground, startPlayground } from "../support/playground.ts";
import { interactLines, readmeSection } from "../support/readme-lines.ts";

/** The `npm run interact -- …` lines of the README's section on massban files and long jobs. */
const sectionLines = () =>
  interactLines(readmeSection("### Raids at scale: massban files and long jobs"));

/** What each line must print, in order (a fresh database: the massban is case #1). */
const EXPECTED = [
  "**8 users** will be banned; **0** skipped.",
  "Banned **8**, failed **0**",
  "Locked **7 channels**",
  "Job: Server lockdown: done, 7 of 7",
  "Restored **7 channels** exactly as they were.",
];

describe("the README's massban-file and long-job lines in the playground", () => {
  let playground: Playground;

  beforeAll(async () => {
    // A database of its own: case numbers start at 1, as on a fresh `.data/`.
    playground = await startPlayground({ logLevel: "error", ownDatabase: true });
  }, 60_000);

  afterAll(async () => {
    await playground?.close();
  });

  it("works line for line", { timeout: 240_000 }, async () => {
    const lines = sectionLines();
    expect(lines).toHaveLength(EXPECTED.length);
    const before = await playground.state();
    for (const [i, args] of lines.entries()) {
      expect(await playground.interact(...args)).toContain(EXPECTED[i]);
    }
    const after = await playground.state();
    expect(after.bans.length - before.bans.length).toBe(8);
    expect(JSON.stringify(after.channels)).toBe(JSON.stringify(before.channels));
  });
});
