import type { APIOverwrite } from "discord-api-types/v10";
import { channelPermissions, type PermissionSubject } from "./channel-permissions.ts";
import {
  everyoneOverwrite,
  isLockable,
  MANAGE_CHANNEL_BITS,
  type SavedOverwrite,
} from "./lockdown-overwrite.ts";
import { missingPermissions } from "./permissions.ts";

/** A channel as the plan reads it. */
export interface ChannelInfo {
  id: string;
  type: number;
  permission_overwrites?: readonly Pick<APIOverwrite, "id" | "type" | "allow" | "deny">[];
}

/** A channel to lock, with its @everyone overwrite as read just before. */
export interface LockTarget {
  id: string;
  saved: SavedOverwrite;
}

/** A channel that was not locked or unlocked, and why. */
export interface ChannelNote {
  id: string;
  reason: string;
}

/** Which permissions Chopsticks lacks to lock `channel` (empty when it can). */
export function missingToLock(subject: PermissionSubject, channel: ChannelInfo): string[] {
  return missingPermissions(
    channelPermissions(subject, channel.permission_overwrites ?? []),
    MANAGE_CHANNEL_BITS,
  );
}

/**
 * Sorts a guild's channels for a server lockdown: text and announcement channels Chopsticks
 * can manage and that are not locked yet become targets (their overwrite read now); the
 * others are skipped with a reason. Other channel types are not part of a lockdown.
 */
export function planServerLockdown(
  subject: PermissionSubject,
  channels: readonly ChannelInfo[],
  alreadyLocked: ReadonlySet<string>,
): { targets: LockTarget[]; skipped: ChannelNote[] } {
  const targets: LockTarget[] = [];
  const skipped: ChannelNote[] = [];
  for (const channel of channels) {
    if (!isLockable(channel.type)) continue;
    const missing = missingToLock(subject, channel);
    if (missing.length)
      skipped.push({ id: channel.id, reason: `Chopsticks lacks ${missing.join(", ")}` });
    else if (alreadyLocked.has(channel.id))
      skipped.push({ id: channel.id, reason: "already locked" });
    else
      targets.push({
        id: channel.id,
        saved: everyoneOverwrite(subject.guildId, channel.permission_overwrites),
      });
  }
  return { targets, skipped };
}
