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
import { standInModel } from "../../src/dev/stand-in-model.ts";
import { createLogger } from "../../src/platform/logger.ts";
import { createNodeApp, type NodeApp } from "../../src/runtime/node-app.ts";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");
const TSX = join(ROOT, "node_modules/.bin/tsx");

/** The `/ai` lines of the README's AI section. */
function readmeAiLines(): string[][] {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## AI"), readme.indexOf("### Server keys"));
  return (
    section
      .split("\n")
      .map((line) => line.trim())
      // `/ai voice` needs the voice-node: test/playground/music.test.ts runs its lines.
      .filter(
        (line) =>
          line.startsWith("npm run interact -- /ai") &&
          !line.startsWith("npm run interact -- /ai voice"),
      )
      .map((line) =>
        (
          line
            .slice("npm run interact -- ".length)
            .replace(/\s+#\s.*$/, "")
            .match(/(?:[^\s"]+|"[^"]*")+/g) ?? []
        ).map((word) => word.replace(/"/g, "")),
      )
  );
}

describe("/ai in the playground", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "chopsticks-ai-playground-"));
  let node: NodeApp | undefined;
  let server: ReturnType<typeof serve> | undefined;
  let port = 0;

  beforeAll(async () => {
    const keys = await ensureDevKeys(dataDir);
    const log = createLogger({ level: "error", write: () => {} });
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
      aiStandIn: standInModel(40),
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

  const interact = async (args: string[]) =>
    (
      await run(TSX, ["scripts/interact.ts", ...args], {
        cwd: ROOT,
        env: { ...process.env, PORT: String(port), CHOPSTICKS_DATA_DIR: dataDir },
      })
    ).stdout;

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
