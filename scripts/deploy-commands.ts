/**
 * Registers the slash commands with Discord — only where what Discord has differs — and writes
 * the release's manifest. See USAGE below. Exit status: 0 done, 1 Discord refused a call,
 * 2 usage, configuration or network error.
 */
import { relative, resolve } from "node:path";
import { parseArgs, requireFlag, snowflakeFlag } from "./lib/args.ts";
import { runScript } from "./lib/cli.ts";
import { createCommandsApi } from "./lib/discord.ts";
import { checkConfig, discordSettings, loadEnvironment } from "./lib/env.ts";
import { type CommandSets, gitSha, readManifest, writeManifest } from "./lib/manifest.ts";
import type { Output } from "./lib/output.ts";
import { codeCommandSets, planTargets } from "./lib/plan.ts";
import { syncTarget } from "./lib/sync.ts";

const USAGE = `usage: npm run deploy-commands -- --env <env> [--guild <id>] [--manifest <file>] [--releases-dir <dir>]
  --env <env>           read .env.<env> (variables already in the environment win)
  --guild <id>          register the global set in this guild instead (fast testing)
  --manifest <file>     register that release's sets instead of the code's (rollback);
                        no new manifest is written
  --releases-dir <dir>  where manifests go (default: releases; or CHOPSTICKS_RELEASES_DIR)`;

const FLAGS = {
  env: true,
  guild: true,
  manifest: true,
  "releases-dir": true,
} as const;

async function main(argv: readonly string[], out: Output): Promise<number> {
  const flags = parseArgs(argv, FLAGS);
  const envName = requireFlag(flags, "env");
  const guildId = snowflakeFlag(flags, "guild");

  const environment = loadEnvironment(envName);
  out.protect(environment.vars.DISCORD_TOKEN);
  const settings = discordSettings(checkConfig(environment), environment);
  const rollback = flags.manifest === undefined ? null : readManifest(flags.manifest);
  const sets: CommandSets = rollback ?? codeCommandSets();

  out.line(`environment: ${envName} (from ${environment.source})`);
  out.line(
    rollback
      ? `commands: manifest ${flags.manifest} (release ${rollback.sha})`
      : "commands: the code",
  );
  const plan = planTargets(sets, { guildId, managementGuildId: settings.managementGuildId });
  for (const warning of plan.warnings) out.warn(warning);

  const api = createCommandsApi(settings);
  for (const target of plan.targets) {
    await syncTarget(api, target, out, rollback ? "manifest" : "code");
  }

  if (rollback) {
    out.line("manifest: not written (registered an existing manifest)");
    return 0;
  }
  const releasesDir = resolve(
    flags["releases-dir"] ?? environment.vars.CHOPSTICKS_RELEASES_DIR ?? "releases",
  );
  const manifest = { sha: gitSha(process.cwd()), generatedAt: new Date().toISOString(), ...sets };
  const path = writeManifest(releasesDir, manifest);
  out.line(`manifest: ${relative(process.cwd(), path)}`);
  return 0;
}

process.exitCode = await runScript(process.argv.slice(2), main, {
  usage: USAGE,
  failureStatus: 1,
});
