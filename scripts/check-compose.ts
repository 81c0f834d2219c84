/**
 * Validates compose.yaml against the compose spec, where there may be no compose engine:
 *
 *   npm run check-compose [-- --file compose.yaml] [--env-file ops/compose/ci.env]
 *
 * Interpolates with the env file (as compose reads .env), validates against the compose-spec
 * JSON schema and the project's rules, and, when a `docker compose` exists, runs
 * `docker compose config --quiet` too. Exit 0 valid, 1 problems (one per line), 2 usage.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { parseEnv } from "node:util";
import { parseArgs } from "./lib/args.ts";
import { EXIT_SETUP, runScript } from "./lib/cli.ts";
import { checkCompose } from "./lib/compose-check.ts";
import type { Output } from "./lib/output.ts";

const USAGE = `usage: npm run check-compose -- [--file compose.yaml] [--env-file <file>]
exit status: 0 valid, 1 problems found, 2 usage error`;

function dockerCompose(file: string, envFile: string | undefined): string | null {
  const probe = spawnSync("docker", ["compose", "version"], { encoding: "utf8" });
  if (probe.status !== 0) return null;
  const args = ["compose", "-f", file, ...(envFile ? ["--env-file", envFile] : []), "config", "-q"];
  const result = spawnSync("docker", args, { encoding: "utf8" });
  return result.status === 0 ? "" : result.stderr.trim() || "docker compose config failed";
}

async function main(argv: readonly string[], out: Output): Promise<number> {
  const flags = parseArgs(argv, { file: true, "env-file": true });
  const file = flags.file ?? "compose.yaml";
  const envFile = flags["env-file"];
  for (const path of [file, envFile]) {
    if (path && !existsSync(path)) throw new Error(`${path} does not exist`);
  }
  const env = envFile ? parseEnv(readFileSync(envFile, "utf8")) : {};
  const result = checkCompose(readFileSync(file, "utf8"), { ...env });
  const engine = dockerCompose(file, envFile);
  if (engine) result.problems.push(`docker compose config: ${engine}`);
  for (const problem of result.problems) out.line(`${file}: ${problem}`);
  if (result.problems.length > 0) return 1;
  out.line(
    `${file}: valid (compose spec${engine === null ? "" : ", docker compose config"}); services: ${result.services.join(", ")}`,
  );
  return 0;
}

process.exitCode = await runScript(process.argv.slice(2), main, {
  usage: USAGE,
  failureStatus: EXIT_SETUP,
});
