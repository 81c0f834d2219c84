import { execFile } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNodePostgresDatabase } from "../../src/adapters/db/node-postgres.ts";
import { parseConfig } from "../../src/config.ts";
import { ensureDevKeys } from "../../src/dev/dev-keys.ts";
import { PLAYGROUND } from "../../src/dev/discord-sim/index.ts";
import type { GuildSummary } from "../../src/dev/playground/view.ts";
import { createLogger } from "../../src/platform/logger.ts";
import { createNodeApp, type NodeApp } from "../../src/runtime/node-app.ts";
import { createTestDatabase, type TestDatabase } from "../support/services.ts";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");
const TSX = join(ROOT, "node_modules/.bin/tsx");
const SECTION = "### Raids at scale: massban files and long jobs";

/** The `npm run interact -- …` lines of the README's section on massban files and long jobs. */
function sectionLines(): string[][] {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const start = readme.indexOf(SECTION);
  if (start < 0) throw new Error(`README has no '${SECTION}' section`);
  const end = readme.indexOf("\n### ", start + 1);
  return readme
    .slice(start, end < 0 ? undefined : end)
    .split("\n")
    .filter((line) => line.startsWith("npm run interact -- "))
    .map((line) =>
      (
        line
          .slice("npm run interact -- ".length)
          .replace(/\s+#\s.*$/, "")
          .match(/(?:[^\s"]+|"[^"]*")+/g) ?? []
      ).map((word) => word.replace(/"/g, "")),
    );
}

/** What each line must print, in order (a fresh database: the massban is case #1). */
const EXPECTED = [
  "**8 users** will be banned; **0** skipped.",
  "Banned **8**, failed **0**",
  "Locked **7 channels**",
  "Job: Server lockdown: done, 7 of 7",
  "Restored **7 channels** exactly as they were.",
];

describe("the README's massban-file and long-job lines in the playground", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "chopsticks-playground-jobs-"));
  let database: TestDatabase;
  let node: NodeApp | undefined;
  let server: ReturnType<typeof serve> | undefined;
  let port = 0;

  beforeAll(async () => {
    // A database of its own: case numbers start at 1, as on a fresh `.data/`.
    database = await createTestDatabase();
    const keys = await ensureDevKeys(dataDir);
    const log = createLogger({ level: "error" });
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
      database: createNodePostgresDatabase(database.url, log),
      publicKey: keys.publicKeyHex,
      applicationId: PLAYGROUND.applicationId,
      localDiscordOrigin: `http://127.0.0.1:${port}`,
      log,
    });
    app = node.app;
  }, 60_000);

  afterAll(async () => {
    await node?.tasks.idle();
    await new Promise((done) => server?.close(done));
    await node?.close();
    await node?.database.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const guild = async () =>
    (await (await fetch(`http://127.0.0.1:${port}/_local/discord/state`)).json()) as GuildSummary;

  it("works line for line", { timeout: 240_000 }, async () => {
    const lines = sectionLines();
    expect(lines).toHaveLength(EXPECTED.length);
    const before = await guild();
    for (const [i, args] of lines.entries()) {
      const { stdout } = await run(TSX, ["scripts/interact.ts", ...args], {
        cwd: ROOT,
        env: { ...process.env, PORT: String(port), CHOPSTICKS_DATA_DIR: dataDir },
      });
      expect(stdout).toContain(EXPECTED[i]);
    }
    const after = await guild();
    expect(after.bans.length - before.bans.length).toBe(8);
    expect(JSON.stringify(after.channels)).toBe(JSON.stringify(before.channels));
  });
});
