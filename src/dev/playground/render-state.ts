import { PermissionFlagsBits } from "discord-api-types/v10";
import { renderMessage } from "../render.ts";
import type { GuildSummary } from "./view.ts";

const NAMES = Object.entries(PermissionFlagsBits).map(
  ([name, bit]) => [bit, name.replace(/([a-z])([A-Z])/g, "$1 $2")] as const,
);

/** "Send Messages, Add Reactions" for a decimal bitfield. */
export function permissionNames(bitfield: string): string {
  const bits = BigInt(bitfield);
  return NAMES.filter(([bit]) => (bits & bit) === bit)
    .map(([, name]) => name)
    .join(", ");
}

function overwriteText(everyone: { allow: string; deny: string } | null): string {
  if (!everyone) return "(no overwrite)";
  const parts = [
    everyone.allow !== "0" ? `allow ${permissionNames(everyone.allow)}` : "",
    everyone.deny !== "0" ? `deny ${permissionNames(everyone.deny)}` : "",
  ].filter(Boolean);
  return parts.length ? parts.join("; ") : "(overwrite with nothing set)";
}

const firstLine = (text: string) => text.split("\n").find((line) => line.trim()) ?? "";

/** The simulated guild as `npm run interact -- --state` prints it. */
export function renderGuildState(summary: GuildSummary): string {
  const lines: string[] = [];
  lines.push(
    `${summary.name} (${summary.id}) — owner ${summary.owner}, ${summary.memberCount} members`,
  );
  lines.push(
    `Roles, highest first: ${summary.roles
      .filter((role) => role.id !== summary.id)
      .map((role) => `${role.name} (${role.members})`)
      .join(" · ")}`,
  );
  lines.push("", "Channels — what @everyone's overwrite allows and denies:");
  const width = Math.max(...summary.channels.map((c) => c.name.length)) + 2;
  for (const channel of summary.channels) {
    const label =
      channel.type === 2 ? `🔊 ${channel.name}`.padEnd(width) : `#${channel.name}`.padEnd(width);
    const detail =
      channel.type === 2
        ? `in voice: ${channel.voice.join(", ") || "nobody"}`
        : overwriteText(channel.everyone);
    lines.push(`  ${label} ${channel.id}  ${detail}`);
  }
  lines.push("", `Bans (${summary.bans.length}):`);
  for (const ban of summary.bans) {
    lines.push(`  ${ban.id}  ${ban.username} — ${ban.reason ?? "(no reason)"}`);
  }
  if (summary.bans.length === 0) lines.push("  (none)");
  lines.push("", "Recent posts by Chopsticks (newest last):");
  for (const post of summary.posts) {
    const time = post.at.slice(11, 19);
    const text = firstLine(renderMessage(post.message)).replace(/^┃ /, "");
    lines.push(`  #${post.channel}  ${time}${post.edited ? " (edited)" : ""}  ${text}`);
  }
  if (summary.posts.length === 0) lines.push("  (none)");
  return lines.join("\n");
}
