import { PermissionFlagsBits as P } from "discord-api-types/v10";
import { describeError } from "../../platform/logger.ts";
import type { Deps } from "../../ports/index.ts";

/**
 * Whether Chopsticks could give `roleId` now: it needs Manage Roles and a highest role above
 * it. Returns what stands in the way, or null (also when Discord could not be asked: the
 * purchase flow refunds anyway if the grant fails).
 */
export async function roleGrantProblem(
  deps: Deps,
  guildId: string,
  botUserId: string,
  roleId: string,
): Promise<string | null> {
  try {
    const [guild, botRoles] = await Promise.all([
      deps.discord.guilds.get(guildId),
      deps.discord.guilds.memberRoles(guildId, botUserId),
    ]);
    const held = guild.roles.filter((r) => r.id === guildId || botRoles?.includes(r.id));
    const permissions = held.reduce((bits, r) => bits | BigInt(r.permissions), 0n);
    if ((permissions & (P.ManageRoles | P.Administrator)) === 0n)
      return "Chopsticks lacks **Manage Roles**";
    const top = Math.max(0, ...held.map((r) => r.position));
    const target = guild.roles.find((r) => r.id === roleId);
    if (target && target.position >= top)
      return `Chopsticks' highest role is not above <@&${roleId}>`;
    return null;
  } catch (error) {
    deps.log.warn("economy.role_check_failed", { guild_id: guildId, error: describeError(error) });
    return null;
  }
}
