import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The project root, where the scripts live. */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

const TSX = join(ROOT, "node_modules", ".bin", "tsx");

/** The scripts under test and how each is started (as the runbook starts them). */
const COMMANDS = {
  deploy: [TSX, join(ROOT, "scripts", "deploy-commands.ts")],
  check: [process.execPath, join(ROOT, "scripts", "check-commands.mjs")],
  migrate: [TSX, join(ROOT, "scripts", "db-migrate.ts")],
  "ledger-audit": [TSX, join(ROOT, "scripts", "audit-ledger.ts")],
  "check-compose": [TSX, join(ROOT, "scripts", "check-compose.ts")],
  "check-token": [process.execPath, join(ROOT, "scripts", "check-token.mjs")],
  "audit-bot-actions": [process.execPath, join(ROOT, "scripts", "audit-bot-actions.mjs")],
  "rotate-guild-keys": [process.execPath, join(ROOT, "scripts", "rotate-guild-keys.mjs")],
  "verify-guild-keys": [process.execPath, join(ROOT, "scripts", "verify-guild-keys.mjs")],
} as const;

/** What a finished script left behind. */
export interface ScriptResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout then stderr. */
  readonly output: string;
}

/** How to run one script. */
export interface RunOptions {
  /** The only variables the script sees, besides PATH and HOME. */
  readonly env: Record<string, string>;
  /** Working directory: where `.env.<name>` is read and `releases/` is written. */
  readonly cwd: string;
}

/** The scripts the tests can run. */
export type ScriptName = keyof typeof COMMANDS;

/**
 * Runs a script as a child process, asynchronously, so a fake server in this process keeps
 * answering. The child inherits nothing from the test's environment but PATH and HOME.
 */
export function runScript(
  script: ScriptName,
  args: readonly string[],
  options: RunOptions & {
    /** Called with the stdout so far; return true to kill the script (SIGKILL) right there. */
    killWhen?: (stdout: string) => boolean;
  },
): Promise<ScriptResult> {
  const [command, ...prefix] = COMMANDS[script];
  const child = spawn(command, [...prefix, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
    if (options.killWhen?.(stdout)) {
      child.kill("SIGKILL");
    }
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr, output: stdout + stderr }));
  });
}

/** A fresh directory, outside any git repository, removed by the returned function. */
export function temporaryDirectory(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), "chopsticks-scripts-"));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
