import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLAYGROUND } from "../../src/dev/discord-sim/index.ts";
import { StandInClient } from "../../src/dev/playground/client.ts";
import { type Playground, startPlayground } from "../support/playground.ts";
import { interactLines, readmeSection } from "../support/readme-lines.ts";

const LEA = "200000000000000021";

/** The `npm run interact -- …` lines of the README's economy section, in order. */
const economyLines = () => interactLines(readmeSection("### Economy"));

/** Ids the README assumes of a fresh `.data/`; this run's database is shared, so they vary. */
const seen = { game: "", auction: "" };

interface Step {
  name: string;
  matches(args: string[]): boolean;
  check(output: string, roles: Record<string, string[]>): void;
}

const is =
  (...words: string[]) =>
  (args: string[]) =>
    words.every((word, i) => args[i] === word);

const STEPS: Step[] = [
  {
    name: "daily",
    matches: is("/daily"),
    check: (out) => expect(out).toContain("collected 🪙 **250** coins"),
  },
  {
    name: "grant",
    matches: is("/economy", "grant"),
    check: (out) => expect(out).toMatch(/gave 🪙 \*\*1,000\*\* coins to @(lea|milo)/),
  },
  {
    name: "pay",
    matches: is("/pay"),
    check: (out) => expect(out).toContain("@playground paid @lea 🪙 **100** coins"),
  },
  {
    name: "shop add",
    matches: is("/shop", "add"),
    check: (out) => expect(out).toContain("Added to the shop"),
  },
  {
    name: "shop buy",
    matches: is("/shop", "buy"),
    check: (out, roles) => {
      expect(out).toContain("@lea bought the role @Regulars");
      expect(roles[LEA]).toContain(PLAYGROUND.roles.regulars);
    },
  },
  {
    name: "heist",
    matches: is("/heist", "start"),
    check: (out) => expect(out).toContain("@lea is planning a heist"),
  },
  {
    name: "join",
    matches: is("--press"),
    check: (out) => expect(out).toContain("**Crew (2):** @lea @milo"),
  },
  {
    name: "coinflip",
    matches: is("/coinflip"),
    check: (out) => {
      seen.game = /Game #(\d+)/.exec(out)?.[1] ?? "";
      expect(seen.game).not.toBe("");
    },
  },
  {
    name: "rotate",
    matches: is("/fair", "rotate"),
    check: (out) => expect(out).toContain("**Revealed seed:**"),
  },
  {
    name: "verify",
    matches: is("/fair", "verify"),
    check: (out) => expect(out).toContain("Game verified"),
  },
  {
    name: "auction",
    matches: is("/auction", "create"),
    check: (out) => {
      seen.auction = /Auction #(\d+)/.exec(out)?.[1] ?? "";
      expect(out).toContain("Vintage teapot");
    },
  },
  {
    name: "bid",
    matches: is("/auction", "bid"),
    check: (out) => expect(out).toContain("@milo bids 🪙 **150** coins"),
  },
  {
    name: "leaderboard",
    matches: is("/leaderboard"),
    check: (out) => expect(out).toContain("Leaderboard"),
  },
];

/** The line as this run must send it: ids of this run in place of a fresh database's. */
function withIds(args: string[]): string[] {
  return args.map((arg) =>
    arg.startsWith("game:")
      ? `game:${seen.game}`
      : arg.startsWith("id:")
        ? `id:${seen.auction}`
        : arg,
  );
}

describe("the README's economy lines in the playground", () => {
  let playground: Playground;

  beforeAll(async () => {
    playground = await startPlayground();
  });

  afterAll(async () => {
    await playground?.close();
  });

  const memberRoles = async (): Promise<Record<string, string[]>> => {
    const context = await new StandInClient(playground.url).context(PLAYGROUND.guildId, LEA);
    return { [LEA]: context?.member?.roles ?? [] };
  };

  it("works line for line: money moves, a role is bought, a heist is joined by a press", {
    timeout: 240_000,
  }, async () => {
    const ran = new Set<string>();
    for (const line of economyLines()) {
      const args = withIds(line);
      const stdout = await playground.interact(...args);
      const step = STEPS.find((candidate) => candidate.matches(args));
      step?.check(stdout, await memberRoles());
      if (step) ran.add(step.name);
    }
    expect([...ran].sort()).toEqual(STEPS.map((s) => s.name).sort());
    expect(playground.logs.filter((line) => line.includes('"level":"error"'))).toEqual([]);
  });
});
