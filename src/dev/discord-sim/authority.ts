import { missingAccess, missingPermissions } from "./errors.ts";
import type { RouteContext } from "./router.ts";
import type { ChannelRecord, GuildRecord } from "./state.ts";

// Discord's permission rules, written here from Discord's documentation rather than imported
// from src/domain: a fake that shared the bot's own computation would agree with its bugs.

const ALL = (1n << 64n) - 1n;
/**
 * Permission bits the routes and seeds use, from Discord's table. Not discord-api-types'
 * enum: the simulator also loads in vitest's global setup, where that CommonJS enum is
 * undefined unless pre-bundled.
 */
export const BITS = {
  kickMembers: 1n << 1n,
  banMembers: 1n << 2n,
  administrator: 1n << 3n,
  manageChannels: 1n << 4n,
  manageGuild: 1n << 5n,
  addReactions: 1n << 6n,
  viewAuditLog: 1n << 7n,
  viewChannel: 1n << 10n,
  sendMessages: 1n << 11n,
  manageMessages: 1n << 13n,
  embedLinks: 1n << 14n,
  attachFiles: 1n << 15n,
  readMessageHistory: 1n << 16n,
  connect: 1n << 20n,
  speak: 1n << 21n,
  manageRoles: 1n << 28n,
  moderateMembers: 1n << 40n,
} as const;
const ADMINISTRATOR = BITS.administrator;

const bits = (value: unknown): bigint =>
  (typeof value === "string" && /^\d+$/.test(value)) || typeof value === "bigint"
    ? BigInt(value)
    : typeof value === "number" && Number.isSafeInteger(value) && value >= 0
      ? BigInt(value)
      : 0n;

/** The position of a member's highest role (0 for @everyone only); the owner ranks above all. */
export function rankOf(guild: GuildRecord, userId: string): number {
  if (userId === guild.ownerId) return Number.POSITIVE_INFINITY;
  const roles = guild.members.get(userId) ?? [];
  return guild.roles
    .filter((role) => roles.includes(role.id))
    .reduce((top, role) => Math.max(top, role.position ?? 1), 0);
}

/** A member's guild-wide permissions: @everyone, then each role; owner and admin get all. */
export function guildPermissionsOf(guild: GuildRecord, userId: string): bigint {
  if (userId === guild.ownerId) return ALL;
  const roles = new Set([guild.id, ...(guild.members.get(userId) ?? [])]);
  const granted = guild.roles
    .filter((role) => roles.has(role.id))
    .reduce((sum, role) => sum | bits(String(role.permissions ?? "0")), 0n);
  return (granted & ADMINISTRATOR) !== 0n ? ALL : granted;
}

/** A member's permissions in a channel: guild, @everyone overwrite, role overwrites, member. */
export function channelPermissionsOf(
  guild: GuildRecord,
  channel: ChannelRecord,
  userId: string,
): bigint {
  let granted = guildPermissionsOf(guild, userId);
  if (granted === ALL) return ALL;
  const overwrites = [...channel.overwrites.values()];
  const everyone = overwrites.find((o) => o.id === guild.id);
  if (everyone) granted = (granted & ~bits(everyone.deny)) | bits(everyone.allow);
  const roles = new Set(guild.members.get(userId) ?? []);
  let allow = 0n;
  let deny = 0n;
  for (const o of overwrites) {
    if (Number(o.type) === 0 && o.id !== guild.id && roles.has(o.id)) {
      allow |= bits(o.allow);
      deny |= bits(o.deny);
    }
  }
  granted = (granted & ~deny) | allow;
  const member = overwrites.find((o) => Number(o.type) === 1 && o.id === userId);
  if (member) granted = (granted & ~bits(member.deny)) | bits(member.allow);
  return granted;
}

/**
 * Whether the simulator checks the bot's permissions in `guild`: it does wherever the bot is
 * a member, as on Discord. Bare guilds seeded without the bot (fake-Discord self-tests) skip
 * the checks, since there is no bot member whose roles could be read.
 */
function botIsMember(guild: GuildRecord, context: RouteContext): boolean {
  return guild.members.has(context.identity.botUserId);
}

/** Throws 403 Missing Permissions unless the bot has every bit of `required` in the guild. */
export function requireGuildPermissions(
  guild: GuildRecord,
  context: RouteContext,
  required: bigint,
): void {
  if (!botIsMember(guild, context)) return;
  const granted = guildPermissionsOf(guild, context.identity.botUserId);
  if ((granted & required) !== required) throw missingPermissions();
}

/**
 * Throws as Discord does unless the bot has `required` in the channel: 403 Missing Access
 * when it cannot even see the channel, else 403 Missing Permissions.
 */
export function requireChannelPermissions(
  channel: ChannelRecord,
  context: RouteContext,
  required: bigint,
): void {
  const guild = context.state.guilds.get(channel.guildId);
  if (!guild || !botIsMember(guild, context)) return;
  const granted = channelPermissionsOf(guild, channel, context.identity.botUserId);
  if ((granted & BITS.viewChannel) === 0n) throw missingAccess();
  if ((granted & required) !== required) throw missingPermissions();
}

/** Whether the bot ranks above `userId` (Discord's rule for bans and role edits). */
export function botOutranks(guild: GuildRecord, context: RouteContext, userId: string): boolean {
  if (userId === guild.ownerId) return false;
  if (!botIsMember(guild, context)) return true;
  return rankOf(guild, context.identity.botUserId) > rankOf(guild, userId);
}

/** Whether the bot's highest role is above `position` (needed to grant or remove a role). */
export function botCanManageRole(
  guild: GuildRecord,
  context: RouteContext,
  position: number,
): boolean {
  if (!botIsMember(guild, context)) return true;
  return rankOf(guild, context.identity.botUserId) > position;
}
