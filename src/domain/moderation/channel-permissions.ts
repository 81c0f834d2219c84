import { type APIOverwrite, PermissionFlagsBits } from "discord-api-types/v10";
import { parseBitfield } from "./permissions.ts";

const ALL = (1n << 64n) - 1n;

/** What Discord's permission computation needs about a guild and one member. */
export interface PermissionSubject {
  guildId: string;
  ownerId: string;
  /** Every role of the guild with its guild-level permissions (@everyone has the guild's id). */
  roles: readonly { id: string; permissions: string }[];
  userId: string;
  /** The member's role ids, without @everyone. */
  memberRoles: readonly string[];
}

/** The member's guild-level permissions: @everyone plus every role; owner and admin get all. */
export function basePermissions(subject: PermissionSubject): bigint {
  if (subject.userId === subject.ownerId) return ALL;
  const byId = new Map(subject.roles.map((r) => [r.id, parseBitfield(r.permissions)]));
  let bits = byId.get(subject.guildId) ?? 0n;
  for (const roleId of subject.memberRoles) bits |= byId.get(roleId) ?? 0n;
  return (bits & PermissionFlagsBits.Administrator) !== 0n ? ALL : bits;
}

/**
 * The member's permissions in a channel, computed as Discord documents it: base permissions,
 * then the @everyone overwrite, then all role overwrites together, then the member overwrite.
 */
export function channelPermissions(
  subject: PermissionSubject,
  overwrites: readonly Pick<APIOverwrite, "id" | "type" | "allow" | "deny">[],
): bigint {
  let bits = basePermissions(subject);
  if (bits === ALL) return ALL;
  const apply = (o: { allow: string; deny: string } | undefined) => {
    if (!o) return;
    bits &= ~parseBitfield(o.deny);
    bits |= parseBitfield(o.allow);
  };
  apply(overwrites.find((o) => o.id === subject.guildId));
  const roles = new Set(subject.memberRoles);
  let allow = 0n;
  let deny = 0n;
  for (const o of overwrites) {
    if (Number(o.type) === 0 && o.id !== subject.guildId && roles.has(o.id)) {
      allow |= parseBitfield(o.allow);
      deny |= parseBitfield(o.deny);
    }
  }
  apply({ allow: allow.toString(), deny: deny.toString() });
  apply(overwrites.find((o) => Number(o.type) === 1 && o.id === subject.userId));
  return bits;
}
