import type { RESTPostAPIApplicationCommandsJSONBody } from "discord-api-types/v10";
import { createRegistry } from "../../src/commands/index.ts";
import type { CommandScope } from "./discord.ts";
import type { CommandSets } from "./manifest.ts";

/** One bulk overwrite: a set of commands and where it goes. */
export interface Target extends CommandScope {
  /** For output: `global`, `global (guild 123…)`, `management (guild 456…)`. */
  readonly label: string;
  readonly commands: readonly RESTPostAPIApplicationCommandsJSONBody[];
}

/** Where each set goes. */
export interface PlanOptions {
  /** `--guild`: register the global set in this guild instead, for fast testing. */
  readonly guildId: string | undefined;
  /** `MANAGEMENT_GUILD_ID`: the only guild that gets the management set. */
  readonly managementGuildId: string | undefined;
}

/** The targets to sync, and warnings about sets that cannot be placed. */
export interface Plan {
  readonly targets: readonly Target[];
  readonly warnings: readonly string[];
}

/** The command sets in the code: the registry's global and management definitions. */
export function codeCommandSets(): CommandSets {
  const registry = createRegistry();
  return { global: registry.definitions("global"), management: registry.definitions("management") };
}

/**
 * Decides which overwrite each set needs. The management set goes only to the management guild
 * (skipped with a warning when it is unset); with no management commands that guild is still
 * synced when configured, so a removed management command does not linger there. A bulk
 * overwrite replaces a whole scope, so two sets bound for the same guild become one target.
 */
export function planTargets(sets: CommandSets, options: PlanOptions): Plan {
  const warnings: string[] = [];
  const globalTarget: Target = options.guildId
    ? {
        label: `global (guild ${options.guildId})`,
        guildId: options.guildId,
        commands: sets.global,
      }
    : { label: "global", guildId: null, commands: sets.global };
  const managementGuildId = options.managementGuildId;
  if (!managementGuildId) {
    if (sets.management.length > 0) {
      warnings.push(
        `MANAGEMENT_GUILD_ID is not set: skipping ${sets.management.length} management command(s)`,
      );
    }
    return { targets: [globalTarget], warnings };
  }
  if (managementGuildId === globalTarget.guildId) {
    return {
      targets: [
        {
          label: `global + management (guild ${managementGuildId})`,
          guildId: managementGuildId,
          commands: [...sets.global, ...sets.management],
        },
      ],
      warnings,
    };
  }
  const managementTarget: Target = {
    label: `management (guild ${managementGuildId})`,
    guildId: managementGuildId,
    commands: sets.management,
  };
  return { targets: [globalTarget, managementTarget], warnings };
}
