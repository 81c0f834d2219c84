import { execFile } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import { inject } from "vitest";
import { createNodePostgresDatabase } from "../../src/adapters/db/node-postgres.ts";
import { parseConfig } from "../../src/config.ts";
import { ensureDevKeys } from "../../src/dev/dev-keys.ts";
import { PLAYGROUND } from "../../src/dev/discord-sim/index.ts";
import type { GuildSummary } from "../../src/dev/playground/view.ts";
import { createLogger, type LogLevel } from "../../src/platform/logger.ts";
import type { ChatModel } from "../../src/ports/index.ts";
import { createNodeApp, type NodeApp } from "../../src/runtime/node-app.ts";
import type { EventLog } from "./event-log.ts";
import { startNodeProcess } from "./node-process.ts";
import { createTestDatabase, type TestDatabase } from "./services.ts";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");
const TSX = join(ROOT, "node_modules/.bin/tsx");

/** `npm run interact -- …` against a playground: prints its stdout, or throws with its stderr. */
export type Interact = (...args: string[]) => Promise<string>;

/** An {@link Interact} for the playground listening on `port` with its keys in `dataDir`. */
export function playgroundInteract(options: {
  port: number;
  dataDir: string;
  /** Bound on one line; default 120 s. */
  timeoutMs?: number;
}): Interact {
  return async (...args) => {
    const { stdout } = await run(TSX, ["scripts/interact.ts", ...args], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(options.port), CHOPSTICKS_DATA_DIR: options.dataDir },
      timeout: options.timeoutMs ?? 120_000,
    }).catch((error: { stderr?: string; message: string }) => {
      throw new Error(
        `npm run interact -- ${args.join(" ")} failed: ${error.stderr ?? error.message}`,
      );
    });
    return stdout;
  };
}

/** Options of {@link startPlayground}. */
export interface PlaygroundOptions {
  /** Default "info". Every line logged is kept in {@link Playground.logs}. */
  logLevel?: LogLevel;
  /** A database of its own (case numbers start at 1, as on a fresh `.data/`), dropped on close. */
  ownDatabase?: boolean;
  /** The AI stand-in model (as `npm start` has one with no provider configured). */
  aiStandIn?: ChatModel;
}

/** `npm start`'s playground, in process: the app, the simulated guild and a fresh `.data/`. */
export interface Playground {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly logs: readonly string[];
  readonly node: NodeApp;
  readonly interact: Interact;
  /** The simulated guild as `/_local/discord/state` shows it. */
  state(): Promise<GuildSummary>;
  /** Waits for background tasks, then stops the server, the app and its database. */
  close(): Promise<void>;
}

/** Starts the playground as `npm start` does with nothing configured, on any free port. */
export async function startPlayground(options: PlaygroundOptions = {}): Promise<Playground> {
  const dataDir = mkdtempSync(join(tmpdir(), "chopsticks-playground-"));
  const logs: string[] = [];
  const log = createLogger({ level: options.logLevel ?? "info", write: (line) => logs.push(line) });
  let database: TestDatabase | undefined;
  // As `npm start` does: listen first, so the stand-in knows its own origin.
  let app: Hono | undefined;
  const server = serve({
    fetch: (request) => app?.fetch(request) ?? new Response("starting", { status: 503 }),
    port: 0,
    hostname: "127.0.0.1",
  });
  const stopServer = () => new Promise((done) => server.close(done));
  const cleanUp = async () => {
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  let node: NodeApp;
  let port: number;
  try {
    await once(server, "listening");
    port = (server.address() as AddressInfo).port;
    if (options.ownDatabase) database = await createTestDatabase();
    const keys = await ensureDevKeys(dataDir);
    node = await createNodeApp({
      config: parseConfig({}),
      dataDir,
      database: createNodePostgresDatabase(database?.url ?? inject("databaseUrl"), log),
      publicKey: keys.publicKeyHex,
      applicationId: PLAYGROUND.applicationId,
      localDiscordOrigin: `http://127.0.0.1:${port}`,
      ...(options.aiStandIn ? { aiStandIn: options.aiStandIn } : {}),
      log,
    });
  } catch (error) {
    await stopServer();
    await cleanUp();
    throw error;
  }
  app = node.app;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    dataDir,
    logs,
    node,
    interact: playgroundInteract({ port, dataDir }),
    state: async () => (await (await fetch(`${url}/_local/discord/state`)).json()) as GuildSummary,
    close: async () => {
      await node.tasks.idle();
      await stopServer();
      await node.close();
      await node.database.close();
      await cleanUp();
    },
  };
}

/** `npm start` with nothing configured, as a child process: the playground with its voice-node. */
export interface PlaygroundProcess {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly dataDir: string;
  /** Every line it printed. */
  readonly lines: EventLog<string>;
  /** {@link Interact}, each line bounded to 60 s. */
  readonly interact: Interact;
  /** Stops it (SIGTERM) and removes its data directory. */
  close(): Promise<void>;
}

/**
 * Runs `npm start` (src/node.ts) in a fresh data directory with only `env` set and resolves
 * once its in-process voice-node is up (the `Music:` line).
 */
export async function startPlaygroundProcess(
  env: Record<string, string> = {},
): Promise<PlaygroundProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), "chopsticks-playground-"));
  const removeDataDir = () => rmSync(dataDir, { recursive: true, force: true });
  const node = await startNodeProcess({
    cwd: dataDir,
    env: { CHOPSTICKS_DATA_DIR: dataDir, ...env },
    timeoutMs: 60_000,
  }).catch((error: unknown) => {
    removeDataDir();
    throw error;
  });
  const close = async () => {
    await node.stop();
    removeDataDir();
  };
  await node.lines
    .waitFor((line) => line.includes("Music:"), {
      timeoutMs: 30_000,
      description: "the Music: line",
    })
    .catch(async (error: unknown) => {
      await close();
      throw error;
    });
  const port = Number(new URL(node.url).port);
  return {
    url: node.url,
    dataDir,
    lines: node.lines,
    interact: playgroundInteract({ port, dataDir, timeoutMs: 60_000 }),
    close,
  };
}
