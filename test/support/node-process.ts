import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { EventLog } from "./event-log.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const TSX = join(ROOT, "node_modules", ".bin", "tsx");

/** `npm start` (src/node.ts) running as a child process. */
export interface NodeProcess {
  /** `http://127.0.0.1:<port>` once it listens. */
  readonly url: string;
  /** Every line it printed (stdout and stderr). */
  readonly lines: EventLog<string>;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Options of {@link startNodeProcess}. */
export interface NodeProcessOptions {
  /** The only variables it sees, besides PATH and HOME (PORT defaults to 0: any free port). */
  env: Record<string, string>;
  /** Working directory (where `.env` would be read); default a directory without one. */
  cwd: string;
  /** How long to wait for the listening line; default 90 s (embedded Postgres starts in ~5 s, far slower on a loaded machine). */
  timeoutMs?: number;
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

/**
 * Starts the Node entry as `npm start` does (tsx src/node.ts) and resolves once it prints its
 * listening line; rejects with everything it printed if it exits or stays silent first.
 */
export async function startNodeProcess(options: NodeProcessOptions): Promise<NodeProcess> {
  const child = spawn(TSX, [join(ROOT, "src", "node.ts")], {
    cwd: options.cwd,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      PORT: "0",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines = new EventLog<string>((line) => line);
  const collect = (stream: NodeJS.ReadableStream) => {
    let partial = "";
    stream.on("data", (chunk: Buffer) => {
      const parts = (partial + chunk.toString("utf8")).split("\n");
      partial = parts.pop() ?? "";
      for (const line of parts) lines.push(line);
    });
  };
  collect(child.stdout as NodeJS.ReadableStream);
  collect(child.stderr as NodeJS.ReadableStream);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    return exited(child);
  };

  const listening = /listening on http:\/\/localhost:(\d+)/;
  const early = exited(child).then((code) => {
    throw new Error(
      `src/node.ts exited with ${code} before listening:\n${lines.entries.join("\n")}`,
    );
  });
  try {
    const line = await Promise.race([
      lines.waitFor((l) => listening.test(l), {
        timeoutMs: options.timeoutMs ?? 90_000,
        description: "the listening line",
      }),
      early,
    ]);
    const port = listening.exec(line)?.[1];
    return { url: `http://127.0.0.1:${port}`, lines, stop };
  } catch (error) {
    await stop();
    throw error;
  } finally {
    early.catch(() => undefined);
  }
}
