import { execFile } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { serve } from "@hono/node-server";
import { PermissionFlagsBits as P } from "discord-api-types/v10";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createNodePostgresDatabase } from "../../src/adapters/db/node-postgres.ts";
import { parseConfig } from "../../src/config.ts";
import { ensureDevKeys } from "../../src/dev/dev-keys.ts";
import { PLAYGROUND } from "../../src/dev/discord-sim/index.ts";
import type { GuildSummary } from "../../src/dev/playground/view.ts";
import { createLogger } from "../../src/platform/logger.ts";
import { createNodeApp, type NodeApp } from "../../src/runtime/node-app.ts";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");
const TSX = join(ROOT, "node_modules/.bin/tsx");

/** The `npm run interact -- …` lines of the README's walkthrough, in order, comments cut. */
function walkthroughLines(): string[][] {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const start = readme.indexOf("### Five-minute walkthrough");
  if (start < 0) throw new Error("README has no '### Five-minute walkthrough' section");
  const end = readme.indexOf("\n### ", start + 1);
  return readme
    .slice(start, end < 0 ? undefined : end)
    .split("\n")
    .filter((line) => line.startsWith("npm run interact -- "))
    .map((line) => shellWords(line.slice("npm run interact -- ".length).replace(/\s+#\s.*$/, "")));
}

/** Splits a command line as a shell would for these lines: words, double-quoted parts joined. */
function shellWords(line: string): string[] {
  return (line.match(/(?:[^\s"]+|"[^"]*")+/g) ?? []).map((word) => word.replace(/"/g, ""));
}

const option = (args: string[], name: string) =>
  args.find((arg) => arg.startsWith(`${name}:`))?.slice(name.length + 1) ?? "";

interface Step {
  name: string;
  matches(args: string[]): boolean;
  check(output: string, guild: GuildSummary, args: string[]): void;
}

let initial: GuildSummary;
let banTargets: string[] = [];
const channelNamed = (guild: GuildSummary, name: string) => {
  const channel = guild.channels.find((c) => `#${c.name}` === name || c.id === name);
  if (!channel) throw new Error(`no channel ${name} in the simulated guild`);
  return channel;
};
const bits = (value: string | undefined) => BigInt(value ?? "0");

/** What each walkthrough line must visibly do, in the output and in the simulated guild. */
const STEPS: Step[] = [
  {
    name: "help",
    matches: (a) => a[0] === "/help",
    check: (out) => expect(out).toContain("/massban ban"),
  },
  {
    name: "modlog",
    matches: (a) => a.slice(0, 3).join(" ") === "/modlog channel set",
    check: (out) => expect(out).toContain("Modlog channel set"),
  },
  {
    name: "preview",
    matches: (a) => a.slice(0, 2).join(" ") === "/massban ban",
    check: (out, guild, args) => {
      banTargets = option(args, "users").split(/\s+/);
      expect(banTargets).toHaveLength(3);
      expect(out).toContain("Massban preview");
      expect(out).toContain("**3 users** will be banned");
      // Nothing happens before the confirmation.
      expect(guild.bans.map((b) => b.id)).not.toEqual(expect.arrayContaining(banTargets));
    },
  },
  {
    name: "confirm",
    matches: (a) => a.join(" ") === "--press 1",
    check: (out, guild) => {
      expect(out).toContain("Massban done — case #1");
      expect(guild.bans.map((b) => b.id)).toEqual(expect.arrayContaining(banTargets));
      expect(guild.posts.map((p) => p.channel)).toContain("mod-log");
    },
  },
  {
    name: "undo",
    matches: (a) => a.slice(0, 2).join(" ") === "/massban undo",
    check: (out, guild) => {
      expect(out).toContain("Undo done");
      expect(guild.bans.map((b) => b.id)).toEqual(initial.bans.map((b) => b.id));
    },
  },
  {
    name: "lockdown",
    matches: (a) => a.slice(0, 2).join(" ") === "/lockdown channel",
    check: (out, guild, args) => {
      const channel = channelNamed(guild, option(args, "channel"));
      const before = channelNamed(initial, option(args, "channel"));
      expect(out).toContain("Locked **1 channel**");
      const deny = bits(channel.everyone?.deny);
      expect(deny & P.SendMessages).toBe(P.SendMessages);
      expect(deny & P.AddReactions).toBe(P.AddReactions);
      // Allowed bits unrelated to talking stay allowed.
      expect(bits(channel.everyone?.allow)).toBe(bits(before.everyone?.allow) & ~P.AddReactions);
      expect(guild.posts.some((p) => `#${p.channel}` === option(args, "channel"))).toBe(true);
    },
  },
  {
    name: "unlock",
    matches: (a) => a.slice(0, 2).join(" ") === "/unlock channel",
    check: (out, guild, args) => {
      expect(out).toContain("Restored **1 channel**");
      const name = option(args, "channel");
      expect(channelNamed(guild, name).everyone).toEqual(channelNamed(initial, name).everyone);
    },
  },
  {
    name: "case",
    matches: (a) => a.join(" ") === "/case view number:1",
    check: (out) => expect(out).toContain("Case #1 — Massban"),
  },
  {
    name: "state",
    matches: (a) => a[0] === "--state",
    check: (out, guild) => {
      for (const channel of guild.channels) expect(out).toContain(channel.id);
      expect(out).toContain(`Bans (${guild.bans.length})`);
    },
  },
];

describe("the README's playground walkthrough", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "chopsticks-playground-"));
  const logs: string[] = [];
  let node: NodeApp | undefined;
  let server: ReturnType<typeof serve> | undefined;
  let port = 0;

  beforeAll(async () => {
    const keys = await ensureDevKeys(dataDir);
    const log = createLogger({ level: "info", write: (line) => logs.push(line) });
    // As `npm start` does: listen first, so the stand-in knows its own origin.
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

  const guild = async () =>
    (await (await fetch(`http://127.0.0.1:${port}/_local/discord/state`)).json()) as GuildSummary;

  it("works line for line, each line changing what it says", { timeout: 240_000 }, async () => {
    const lines = walkthroughLines();
    initial = await guild();
    const ran = new Set<string>();
    for (const args of lines) {
      const { stdout } = await run(TSX, ["scripts/interact.ts", ...args], {
        cwd: ROOT,
        env: { ...process.env, PORT: String(port), CHOPSTICKS_DATA_DIR: dataDir },
      }).catch((error: { stderr?: string; message: string }) => {
        throw new Error(
          `npm run interact -- ${args.join(" ")} failed: ${error.stderr ?? error.message}`,
        );
      });
      const step = STEPS.find((candidate) => candidate.matches(args));
      step?.check(stdout, await guild(), args);
      if (step) ran.add(step.name);
    }
    // The walkthrough still shows every part the issue asks for.
    expect([...ran].sort()).toEqual(STEPS.map((s) => s.name).sort());
    expect(logs.filter((line) => line.includes('"level":"error"'))).toEqual([]);
  });
});
