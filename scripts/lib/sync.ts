import type { APIApplicationCommand } from "discord-api-types/v10";
import { type CommandDiff, diffCommands, isInSync } from "../../src/domain/command-diff.ts";
import type { CommandsApi } from "./discord.ts";
import type { Output } from "./output.ts";
import type { Target } from "./plan.ts";
import { commandCount, countsLine, differenceLines } from "./report.ts";

/** A target next to what Discord has for it. */
export interface TargetState {
  readonly target: Target;
  readonly current: readonly APIApplicationCommand[];
  readonly diff: CommandDiff;
}

/** Reads what Discord has in the target's scope and compares it with the target's commands. */
export async function inspectTarget(api: CommandsApi, target: Target): Promise<TargetState> {
  const current = await api.list(target);
  const diff = diffCommands(target.commands, current, { guild: target.guildId !== null });
  return { target, current, diff };
}

/**
 * Brings one target up to date: compares first and overwrites only when something differs,
 * printing the differences. `wanted` names where the commands come from (`code`, `manifest`).
 */
export async function syncTarget(
  api: CommandsApi,
  target: Target,
  out: Output,
  wanted: string,
): Promise<void> {
  const { diff } = await inspectTarget(api, target);
  const count = commandCount(target.commands.length);
  if (isInSync(diff)) {
    out.line(`${target.label}: up to date (${count})`);
    return;
  }
  out.line(`${target.label}: out of date (${countsLine(diff)})`);
  for (const line of differenceLines(diff, wanted)) out.line(line);
  const registered = await api.overwrite(target, target.commands);
  out.line(`${target.label}: updated (${count})`);
  // Discord's answer should now match; if not, the comparison misses one of its defaults and
  // every deploy would re-register. Worth knowing, not worth failing for.
  const echo = diffCommands(target.commands, registered, { guild: target.guildId !== null });
  if (!isInSync(echo)) {
    out.warn(`${target.label}: Discord's copy still differs from the set just sent:`);
    for (const line of differenceLines(echo, "set sent")) out.line(line);
  }
}
