import { type ChildProcess, fork } from "node:child_process";

const READY_TIMEOUT_MS = 60_000;

/** A server under test in its own Node process, so the load generator does not share its CPU. */
export interface ServerProcess {
  readonly url: string;
  /** Sends a message and resolves with the child's reply of the same `type`. */
  ask<T>(message: { type: string }): Promise<T>;
  /** SIGTERM, then waits for the process to exit. */
  stop(): Promise<void>;
}

/** Messages a server child sends: `ready` once listening, and replies to `ask`. */
export type ChildMessage =
  | { type: "ready"; url: string }
  | { type: string; [key: string]: unknown };

/**
 * Starts `entry` (a TypeScript file, run through tsx) with `args` and extra `env`, and waits
 * for its `ready` message carrying the URL it listens on.
 */
export async function spawnServer(
  entry: URL,
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const child: ChildProcess = fork(entry, args, {
    // BENCH_PROFILE_DIR: each server writes a V8 CPU profile there when it exits.
    execArgv: [
      "--import",
      "tsx",
      ...(process.env.BENCH_PROFILE_DIR
        ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
        : []),
    ],
    env: { ...process.env, ...env },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGTERM");
      reject(new Error(`${entry.pathname} was not ready within ${READY_TIMEOUT_MS} ms`));
    }, READY_TIMEOUT_MS);
    const onMessage = (message: ChildMessage) => {
      if (message.type !== "ready") return;
      child.off("message", onMessage);
      clearTimeout(timer);
      resolve(String(message.url));
    };
    child.on("message", onMessage);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${entry.pathname} exited (${code}) before it was ready`));
    });
  });
  return {
    url,
    ask: <T>(message: { type: string }) =>
      new Promise<T>((resolve) => {
        const onMessage = (reply: ChildMessage) => {
          if (reply.type !== message.type) return;
          child.off("message", onMessage);
          resolve(reply as T);
        };
        child.on("message", onMessage);
        child.send(message);
      }),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
