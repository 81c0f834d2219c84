import type { PermissionSubject } from "../../domain/moderation/index.ts";
import type { Deps } from "../../ports/index.ts";

/** Chopsticks as a permission subject in a guild: its roles and the guild's. */
export async function botSubject(
  deps: Deps,
  guildId: string,
  botId: string,
): Promise<PermissionSubject> {
  const [guild, botRoles] = await Promise.all([
    deps.discord.guilds.get(guildId),
    deps.discord.guilds.memberRoles(guildId, botId),
  ]);
  return {
    guildId,
    ownerId: guild.ownerId,
    roles: guild.roles,
    userId: botId,
    memberRoles: botRoles ?? [],
  };
}
