import type { CommandModule } from "../interactions/index.ts";
import { CommandRegistry } from "../interactions/index.ts";
import { ai } from "./ai/index.ts";
import { dj } from "./dj/index.ts";
import { economyCommands } from "./economy/index.ts";
import { helpCommand } from "./help.ts";
import { moderationCommands } from "./moderation/index.ts";
import { music } from "./music/index.ts";
import { admin } from "./operator/admin.ts";
import { ratelimit } from "./operator/ratelimit.ts";
import { ping } from "./ping.ts";
import { playlist } from "./playlist/index.ts";

/**
 * Every command module. This one list is both the router and the registration manifest;
 * to disable a misbehaving command, remove it here and redeploy.
 */
export const commands: readonly CommandModule[] = [
  ping,
  helpCommand(() => commands),
  ...moderationCommands,
  ...economyCommands,
  ai,
  music,
  dj,
  playlist,
  ratelimit,
  admin,
];

/** The registry built from {@link commands}. */
export function createRegistry(): CommandRegistry {
  return new CommandRegistry(commands);
}
