import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { standInModel } from "../../src/dev/stand-in-model.ts";
import { type Playground, startPlayground } from "../support/playground.ts";
import { interactLines, readmeSection } from "../support/readme-lines.ts";

/** The `/ai` lines of the README's AI section. */
function readmeAiLines(): string[][] {
  // `/ai voice` needs the voice-node: test/playground/music.test.ts runs its lines.
  return interactLines(readmeSection("## AI", "### Server keys")).filter(
    (args) => args[0] === "/ai" && args[1] !== "voice",
  );
}

describe("/ai in the playground", () => {
  let playground: Playground;

  beforeAll(async () => {
    playground = await startPlayground({ logLevel: "error", aiStandIn: standInModel(40) });
  });

  afterAll(async () => {
    await playground?.close();
  });

  const interact = (args: string[]) => playground.interact(...args);

  it("the README's lines stream a stand-in answer visibly and remember it", {
    timeout: 120_000,
  }, async () => {
    const lines = readmeAiLines();
    expect(lines.map((l) => l.slice(0, 2).join(" "))).toEqual(["/ai chat", "/ai forget"]);
    const first = await interact(lines[0] as string[]);
    // Several edits seen while it streams, then the final answer named after the model.
    expect((first.match(/✎ .*writing…/g) ?? []).length).toBeGreaterThanOrEqual(2);
    expect(first).toMatch(/— playground-stand-in/);
    expect(first).toMatch(/first message of our conversation/);
    const second = await interact(lines[0] as string[]);
    expect(second).toMatch(/I remember 2 earlier messages/);
    expect(await interact(lines[1] as string[])).toMatch(/Forgotten/);
  });
});
