import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RESTPostAPIApplicationCommandsJSONBody } from "discord-api-types/v10";
import { ConfigError } from "../../src/config.ts";

/** The two command sets a release registers. */
export interface CommandSets {
  readonly global: readonly RESTPostAPIApplicationCommandsJSONBody[];
  readonly management: readonly RESTPostAPIApplicationCommandsJSONBody[];
}

/** `releases/<sha>/commands.json`: what one release registered, for rollback and audit. */
export interface Manifest extends CommandSets {
  readonly sha: string;
  readonly generatedAt: string;
}

/** The commit being deployed (`git rev-parse HEAD` in `cwd`), or `unknown` outside git. */
export function gitSha(cwd: string): string {
  try {
    const sha = execFileSync("git", ["rev-parse", "HEAD"], {
      cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
    return /^[0-9a-f]{7,64}$/.test(sha) ? sha : "unknown";
  } catch {
    // Not a repository, no commit yet, or no git: the manifest is still worth writing.
    return "unknown";
  }
}

const LEADING_KEYS = ["name", "type", "description"];

/** Keys in a fixed order (name, type, description, then alphabetical), recursively. */
function stableKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stableKeys);
  if (typeof value !== "object" || value === null) return value;
  const rank = (key: string) => {
    const index = LEADING_KEYS.indexOf(key);
    return index === -1 ? LEADING_KEYS.length : index;
  };
  const keys = Object.keys(value).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(
    keys.map((key) => [key, stableKeys((value as Record<string, unknown>)[key])]),
  );
}

/** The manifest text: pretty JSON with a stable key order, so releases diff cleanly. */
export function renderManifest(manifest: Manifest): string {
  const ordered = {
    sha: manifest.sha,
    generatedAt: manifest.generatedAt,
    global: stableKeys(manifest.global),
    management: stableKeys(manifest.management),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** Writes `<releasesDir>/<sha>/commands.json` (replacing it) and returns its path. */
export function writeManifest(releasesDir: string, manifest: Manifest): string {
  const dir = join(releasesDir, manifest.sha);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, "commands.json");
  writeFileSync(path, renderManifest(manifest));
  return path;
}

function commandList(value: unknown, field: string, path: string) {
  const fail = (why: string) => new ConfigError(`Invalid manifest ${path}: ${why}`);
  if (!Array.isArray(value)) throw fail(`"${field}" must be an array of commands`);
  value.forEach((command, i) => {
    const name = (command as { name?: unknown } | null)?.name;
    if (typeof command !== "object" || Array.isArray(command) || typeof name !== "string") {
      throw fail(`${field}[${i}] is not a command (an object with a name)`);
    }
  });
  return value as RESTPostAPIApplicationCommandsJSONBody[];
}

/** Reads and checks a manifest written by {@link writeManifest}; a bad file is a one-line error. */
export function readManifest(path: string): Manifest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : "not JSON";
    throw new ConfigError(`Cannot read manifest ${path}: ${reason}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(`Invalid manifest ${path}: not a JSON object`);
  }
  const record = parsed as Record<string, unknown>;
  return {
    sha: typeof record.sha === "string" ? record.sha : "unknown",
    generatedAt: typeof record.generatedAt === "string" ? record.generatedAt : "",
    global: commandList(record.global, "global", path),
    management: commandList(record.management, "management", path),
  };
}
