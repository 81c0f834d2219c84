import { execFile } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createNodePostgresDatabase } from "../../src/adapters/db/node-postgres.ts";
import { parseConfig } from "../../src/config.ts";
import { ensureDevKeys } from "../../src/dev/dev-keys.ts";
import { PLAYGROUND } from "../../src/dev/discord-sim/index.ts";
import { StandInClient } from "../../src/dev/playground/client.ts";
import { createLogger } from "../../src/platform/logger.ts";
import { createNodeApp, type NodeApp } from "../../src/runtime/node-app.ts";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");
const TSX = join(ROOT, "node_modules/.bin/tsx");
const LEA = "200000000000000021";

/** The `npm run interact -- …` lines of the README's economy section, in order. */
function economyLines(): string[][] {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const start = readme.indexOf("### Economy");
  if (start < 0) throw new Error("README has no '### Economy' section");
  const end = readme.indexOf("\n### ", start + 1);
  return readme
    .slice(start, end < 0 ? undefined : end)
    .split("\n")
    .filter((line) => line.startsWith("npm run interact -- "))
    .map((line) => shellWords(line.slice("npm run interact -- ".length).replace(/\s+#\s.*$/, "")));
}

function shellWords(line: string): string[] {
  return (line.match(/(?:[^\s"]+|"[^"]*")+/g) ?? []).map((word) => word.replace(/"/g, ""));
}

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
  const dataDir = mkdtempSync(join(tmpdir(), "chopsticks-playground-"));
  const logs: string[] = [];
  let node: NodeApp | undefined;
  let server: ReturnType<typeof serve> | undefined;
  let port = 0;

  beforeAll(async () => {
    const keys = await ensureDevKeys(dataDir);
    const log = createLogger({ level: "info", write: (line) => logs.push(line) });
    let app: Hono | undefined;
    server = serve({
      fetch: (request) => app?.fetch(request) ?? new Response("starting", { status: 503 }),
      port: 0,
      hostname: "127.0.0.1",
    });
    await once(server, "listening");
    port = (server.address() as AddressInfo).port;
    node = await createNodeApp({
      config: parseConfig({}),
      dataDir,
      database: createNodePostgresDatabase(inject("databaseUrl"), log),
      publicKey: keys.publicKeyHex,
      applicationId: PLAYGROUND.applicationId,
      localDiscordOrigin: `http://127.0.0.1:${port}`,
      log,
    });
    app = node.app;
  });

  afterAll(async () => {
    await node?.tasks.idle();
    await new Promise((done) => server?.close(done));
    await node?.close();
    await node?.database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const memberRoles = async (): Promise<Record<string, string[]>> => {
    const context = await new StandInClient(`http://127.0.0.1:${port}`).context(
      PLAYGROUND.guildId,
      LEA,
    );
    return { [LEA]: context?.member?.roles ?? [] };
  };

  it("works line for line: money moves, a role is bought, a heist is joined by a press", {
    timeout: 240_000,
  }, async () => {
    const ran = new Set<string>();
    for (const line of economyLines()) {
      const args = withIds(line);
      const { stdout } = await run(TSX, ["scripts/interact.ts", ...args], {
        cwd: ROOT,
        env: { ...process.env, PORT: String(port), CHOPSTICKS_DATA_DIR: dataDir },
      }).catch((error: { stderr?: string; message: string }) => {
        throw new Error(
          `npm run interact -- ${args.join(" ")} failed: ${error.stderr ?? error.message}`,
        );
      });
      const step = STEPS.find((candidate) => candidate.matches(args));
      step?.check(stdout, await memberRoles());
      if (step) ran.add(step.name);
    }
    expect([...ran].sort()).toEqual(STEPS.map((s) => s.name).sort());
    expect(logs.filter((line) => line.includes('"level":"error"'))).toEqual([]);
  });
});
