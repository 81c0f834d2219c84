import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createRegistry } from "../../src/commands/index.ts";

const registry = createRegistry();

/** Names of a command list, sorted; `undefined` reads as none. */
export const names = (commands: unknown): string[] =>
  ((commands ?? []) as { name: string }[]).map((command) => command.name).sort();

/** The code's global command names. */
export const CODE_GLOBAL = names(registry.definitions("global"));
/** The code's management command names. */
export const CODE_MANAGEMENT = names(registry.definitions("management"));

/** An older release: one changed and one extra global command, one management command. */
export const OLD_RELEASE = {
  sha: "0123456789abcdef0123456789abcdef01234567",
  generatedAt: "2026-01-01T00:00:00.000Z",
  global: [
    { name: "ping", description: "Old ping" },
    { name: "legacy", description: "Gone in later releases" },
  ],
  management: [{ name: "admin", description: "Operator tools", default_member_permissions: "0" }],
};

/** Writes `manifest` (default {@link OLD_RELEASE}) into `dir` and returns its path. */
export function writeManifestFile(dir: string, manifest: object = OLD_RELEASE): string {
  const path = join(dir, "old-commands.json");
  writeFileSync(path, JSON.stringify(manifest));
  return path;
}
