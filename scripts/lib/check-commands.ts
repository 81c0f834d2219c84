import { isInSync } from "../../src/domain/command-diff.ts";
import { parseArgs, requireFlag, snowflakeFlag } from "./args.ts";
import { EXIT_SETUP, runScript } from "./cli.ts";
import { createCommandsApi } from "./discord.ts";
import { checkConfig, discordSettings, loadEnvironment } from "./env.ts";
import type { Output } from "./output.ts";
import { codeCommandSets, planTargets } from "./plan.ts";
import { commandCount, countsLine, differenceLines } from "./report.ts";
import { inspectTarget } from "./sync.ts";

const USAGE = `usage: node scripts/check-commands.mjs --env <env> [--guild <id>]
  --env <env>    read .env.<env> (variables already in the environment win)
  --guild <id>   check the global set in this guild instead (as deploy-commands --guild)
exit status: 0 in sync, 1 drift, 2 usage, configuration or network error`;

/** Exit status when Discord differs from the code. */
const EXIT_DRIFT = 1;

async function main(argv: readonly string[], out: Output): Promise<number> {
  const flags = parseArgs(argv, { env: true, guild: true });
  const envName = requireFlag(flags, "env");
  const guildId = snowflakeFlag(flags, "guild");
  const environment = loadEnvironment(envName);
  out.protect(environment.vars.DISCORD_TOKEN);
  const settings = discordSettings(checkConfig(environment), environment);

  const plan = planTargets(codeCommandSets(), {
    guildId,
    managementGuildId: settings.managementGuildId,
  });
  for (const warning of plan.warnings) out.warn(warning);

  const api = createCommandsApi(settings);
  const drifted: string[] = [];
  for (const target of plan.targets) {
    const { diff, current } = await inspectTarget(api, target);
    if (isInSync(diff)) {
      out.line(`${target.label}: in sync (${commandCount(target.commands.length)})`);
      continue;
    }
    drifted.push(target.label);
    out.line(
      `${target.label}: DRIFT — Discord has ${current.length}, the code ${target.commands.length} (${countsLine(diff)})`,
    );
    for (const line of differenceLines(diff)) out.line(line);
  }
  if (drifted.length === 0) return 0;
  out.line(
    `drift in ${drifted.join(", ")}: run \`npm run deploy-commands -- --env ${envName}${guildId ? ` --guild ${guildId}` : ""}\``,
  );
  return EXIT_DRIFT;
}

/**
 * `check-commands`: compares the code's command sets with what Discord has registered, for both
 * scopes. Resolves to the exit status: 0 in sync, 1 drift, 2 usage, configuration or network
 * error.
 */
export function checkCommands(argv: readonly string[]): Promise<number> {
  return runScript(argv, main, { usage: USAGE, failureStatus: EXIT_SETUP });
}
