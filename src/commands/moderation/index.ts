import { moderationCase } from "./case.ts";
import { lockdown } from "./lockdown.ts";
import { massban } from "./massban.ts";
import { modlog } from "./modlog.ts";
import { unlock } from "./unlock.ts";

/** The moderation commands, in the order they are listed in /help. */
export const moderationCommands = [massban, lockdown, unlock, moderationCase, modlog] as const;
