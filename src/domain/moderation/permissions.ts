import { PermissionFlagsBits } from "discord-api-types/v10";

const P = PermissionFlagsBits;

/** How Discord's client names the permissions moderation asks for. */
const NAMES = new Map<bigint, string>([
  [P.Administrator, "Administrator"],
  [P.BanMembers, "Ban Members"],
  [P.ManageGuild, "Manage Server"],
  [P.ManageChannels, "Manage Channels"],
  [P.ManageRoles, "Manage Roles"],
  [P.ViewChannel, "View Channel"],
  [P.SendMessages, "Send Messages"],
  [P.EmbedLinks, "Embed Links"],
]);

/** The display name of one permission bit. */
export function permissionName(bit: bigint): string {
  return NAMES.get(bit) ?? `permission ${bit.toString(2).length - 1}`;
}

/** Parses Discord's decimal bitfield; anything else reads as no permissions at all. */
export function parseBitfield(bitfield: string | null | undefined): bigint {
  return bitfield && /^\d{1,40}$/.test(bitfield) ? BigInt(bitfield) : 0n;
}

/**
 * The names of the `required` permissions missing from `bitfield`, in the order asked.
 * Administrator implies every permission.
 */
export function missingPermissions(
  bitfield: string | bigint | null | undefined,
  required: readonly bigint[],
): string[] {
  const bits = typeof bitfield === "bigint" ? bitfield : parseBitfield(bitfield);
  if ((bits & P.Administrator) === P.Administrator) return [];
  return required.filter((bit) => (bits & bit) !== bit).map(permissionName);
}

/** "A", "A and B", "A, B and C", each in bold. */
export function listNames(names: readonly string[]): string {
  const bold = names.map((n) => `**${n}**`);
  if (bold.length <= 1) return bold.join("");
  return `${bold.slice(0, -1).join(", ")} and ${bold.at(-1)}`;
}

/**
 * Why a command may not run, naming what the invoker and what Chopsticks lack separately;
 * null when both have everything.
 */
export function permissionRefusal(
  granted: { member: string | null | undefined; app: string | null | undefined },
  required: { member: readonly bigint[]; app: readonly bigint[] },
): string | null {
  const member = missingPermissions(granted.member, required.member);
  const app = missingPermissions(granted.app, required.app);
  const lines: string[] = [];
  if (member.length) lines.push(`You need ${listNames(member)} to do this.`);
  if (app.length)
    lines.push(
      `Chopsticks is missing ${listNames(app)} here. Ask a server admin to grant it to Chopsticks' role.`,
    );
  return lines.length ? lines.join("\n") : null;
}
