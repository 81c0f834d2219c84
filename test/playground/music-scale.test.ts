import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EventLog } from "../support/event-log.ts";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");
const TSX = join(ROOT, "node_modules/.bin/tsx");

let child: ChildProcess;
let url = "";
let dataDir = "";
const output = new EventLog<string>((line) => line);

/** `npm run interact -- …` against the playground started below. */
async function interact(...args: string[]): Promise<string> {
  const { stdout } = await run(TSX, ["scripts/interact.ts", "--url", url, ...args], {
    cwd: ROOT,
    env: { ...process.env, CHOPSTICKS_DATA_DIR: dataDir },
    timeout: 60_000,
  });
  return stdout;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "chopsticks-music-scale-playground-"));
  const env: Record<string, string | undefined> = {
    ...process.env,
    CHOPSTICKS_DATA_DIR: dataDir,
    PORT: "0",
  };
  for (const name of [
    "DATABASE_URL",
    "DISCORD_TOKEN",
    "DISCORD_API_BASE",
    "REDIS_URL",
    "UPSTASH_REDIS_REST_URL",
  ])
    delete env[name];
  // Songs of 2–5 minutes last 3–8 seconds here.
  env.PLAYGROUND_MUSIC_SPEED = "40";
  child = spawn(TSX, ["src/node.ts"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  const feed = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) if (line.trim()) output.push(line);
  };
  child.stdout?.on("data", feed);
  child.stderr?.on("data", feed);
  const listening = await output.waitFor((line) => line.includes("Chopsticks listening on"), {
    timeoutMs: 60_000,
  });
  url = /http:\/\/localhost:\d+/.exec(listening)?.[0]?.replace("localhost", "127.0.0.1") ?? "";
  await output.waitFor((line) => line.includes("Music:"), { timeoutMs: 30_000 });
}, 90_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((done) => child.once("exit", done));
    child.kill("SIGTERM");
    await exited;
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe("music scale features in the playground (npm start with nothing configured)", () => {
  it("/music play query: suggests tracks while typing (--complete)", async () => {
    const out = await interact("/music", "play", "query:lofi", "--complete", "query");
    expect(out).toContain("— suggestions —");
    expect(out).toMatch(
      /1\. lofi — Artist \d+ \(\d:\d\d\)\n {3}→ https:\/\/www\.youtube\.com\/watch/,
    );
    expect(out).toContain("5. lofi (5)");
  }, 60_000);

  it("saves the queue as a playlist, lists it, loads it back after a stop, deletes it", async () => {
    expect(await interact("/music", "play", "query:lofi")).toContain("Now playing");
    expect(await interact("/music", "play", "query:jazz")).toContain("Queued");
    expect(await interact("/playlist", "save", "name:Evening")).toContain(
      "**Evening**: 2 track(s)",
    );
    expect(await interact("/playlist", "list")).toMatch(/\*\*Evening\*\* — 2 track\(s\)/);
    expect(await interact("/music", "stop")).toContain("Stopped");
    const loaded = await interact("/playlist", "load", "name:evening");
    expect(loaded).toContain("Queued **2** track(s) from **Evening**. Now playing");
    expect(await interact("/playlist", "load", "name:nothing")).toContain(
      "There is no playlist named **nothing**",
    );
    expect(await interact("/playlist", "delete", "name:Evening")).toContain("Playlist deleted");
  }, 120_000);
});
