import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";
import { EventLog } from "./event-log.ts";

/** A voice-node started as `npm run voice-node` starts it: its own process. */
export interface VoiceNodeProcess {
  readonly child: ChildProcess;
  /** Its output lines (stdout and stderr). */
  readonly lines: EventLog<string>;
  /** Resolves with the HTTP port once it printed that it listens. */
  readonly port: Promise<number>;
  /** Sends a signal and waits for the exit. */
  stop(signal: NodeJS.Signals): Promise<number | null>;
}

/**
 * Spawns `tsx voice-node/src/main.ts` with `env` (the script behind `npm run voice-node`), or
 * with `bundled` the output of `npm run voice-node:build` as the Docker image runs it.
 */
export function spawnVoiceNode(
  env: Record<string, string>,
  options: { bundled?: boolean } = {},
): VoiceNodeProcess {
  const root = resolve(import.meta.dirname, "../..");
  // As voice-node/Dockerfile runs it.
  const args = options.bundled
    ? ["--max-semi-space-size=2", "voice-node/dist/bundle/main.mjs"]
    : ["--import", "tsx", "voice-node/src/main.ts"];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines = new EventLog<string>((line) => line);
  const feed = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) if (line.trim()) lines.push(line);
  };
  child.stdout?.on("data", feed);
  child.stderr?.on("data", feed);
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  const port = Promise.race([
    lines
      .waitFor((line) => /listening on :\d+/.test(line), {
        timeoutMs: 30_000,
        description: "the voice-node to listen",
      })
      .then((line) => Number(/listening on :(\d+)/.exec(line)?.[1])),
    exited.then((code) => {
      throw new Error(`voice-node exited (${code}) before listening:\n${lines.entries.join("\n")}`);
    }),
  ]);
  return {
    child,
    lines,
    port,
    async stop(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
