import type { RouteDef } from "../router.ts";
import { auditLogRoutes } from "./audit-log.ts";
import { banRoutes } from "./bans.ts";
import { channelRoutes } from "./channels.ts";
import { commandRoutes } from "./commands.ts";
import { guildRoutes } from "./guilds.ts";
import { interactionRoutes } from "./interactions.ts";
import { memberRoutes } from "./members.ts";
import { messageRoutes } from "./messages.ts";
import { userRoutes } from "./users.ts";
import { voiceRoutes } from "./voice.ts";

/**
 * Every simulated Discord area, one file each. A feature adds its area's file here; literal
 * segments win over parameters only by order, so put `/users/@me`-style rows first.
 */
export const SIM_ROUTES: readonly RouteDef[] = [
  ...interactionRoutes,
  ...commandRoutes,
  ...guildRoutes,
  ...memberRoutes,
  ...banRoutes,
  ...auditLogRoutes,
  ...voiceRoutes,
  ...channelRoutes,
  ...messageRoutes,
  ...userRoutes,
];
