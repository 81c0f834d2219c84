import { ChannelType, PermissionFlagsBits } from "discord-api-types/v10";
import { parseBitfield } from "./permissions.ts";

const P = PermissionFlagsBits;

/** What a lockdown takes away from @everyone. */
export const LOCK_BITS =
  P.SendMessages |
  P.SendMessagesInThreads |
  P.CreatePublicThreads |
  P.CreatePrivateThreads |
  P.AddReactions;

/** What Chopsticks needs in a channel to lock it: see it, edit it, edit its overwrites. */
export const MANAGE_CHANNEL_BITS = [P.ViewChannel, P.ManageChannels, P.ManageRoles] as const;

/** An @everyone overwrite as saved before a lockdown: its bitfields, or null when absent. */
export type SavedOverwrite = { allow: string; deny: string } | null;

/** The channel types a lockdown covers: text and announcement channels. */
export const LOCKABLE_TYPES: readonly number[] = [
  ChannelType.GuildText,
  ChannelType.GuildAnnouncement,
];

export function isLockable(type: number): boolean {
  return LOCKABLE_TYPES.includes(type);
}

/** Reads the @everyone overwrite (id = guild id) of a channel's overwrites. */
export function everyoneOverwrite(
  guildId: string,
  overwrites: readonly { id: string; allow: string; deny: string }[] | undefined,
): SavedOverwrite {
  const found = overwrites?.find((o) => o.id === guildId);
  return found ? { allow: String(found.allow), deny: String(found.deny) } : null;
}

/**
 * The @everyone overwrite while locked: the lock bits denied and no longer allowed (an allow
 * would win over the deny); every other bit kept as it was.
 */
export function lockedOverwrite(saved: SavedOverwrite): { allow: string; deny: string } {
  const allow = parseBitfield(saved?.allow) & ~LOCK_BITS;
  const deny = parseBitfield(saved?.deny) | LOCK_BITS;
  return { allow: allow.toString(), deny: deny.toString() };
}
