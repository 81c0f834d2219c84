import {
  type APIChatInputApplicationCommandInteraction,
  PermissionFlagsBits,
} from "discord-api-types/v10";
import { parseDuration } from "../../domain/duration.ts";
import { isLockable, listNames, missingPermissions } from "../../domain/moderation/index.ts";
import { type ChatInputContext, UserError } from "../../interactions/index.ts";

/** The longest timed lockdown. */
export const MAX_LOCKDOWN_SECONDS = 30 * 86_400;

const TYPE_NAMES: Record<number, string> = {
  2: "voice channel",
  4: "category",
  10: "thread",
  11: "thread",
  12: "thread",
  13: "stage channel",
  15: "forum",
  16: "media channel",
};

/** The `channel` option, or the channel the command was used in; refused unless lockable. */
export function targetChannel(ctx: ChatInputContext): { id: string; type: number } {
  const interaction = ctx.interaction as APIChatInputApplicationCommandInteraction;
  const chosen = ctx.options.get("channel", "channel");
  const channel =
    chosen ??
    (interaction.channel ? { id: interaction.channel.id, type: interaction.channel.type } : null);
  if (!channel) throw new UserError("Choose a channel.");
  if (!isLockable(channel.type)) {
    const what = TYPE_NAMES[channel.type] ?? "channel of another type";
    throw new UserError(
      `<#${channel.id}> is a ${what}: only text and announcement channels can be locked or unlocked. Nothing was changed.`,
      "Wrong kind of channel",
    );
  }
  // Discord resolves the invoker's own permissions in the chosen channel.
  const inChannel = interaction.data.resolved?.channels?.[channel.id]?.permissions;
  const missing = inChannel
    ? missingPermissions(inChannel, [PermissionFlagsBits.ManageChannels])
    : [];
  if (missing.length)
    throw new UserError(
      `You need ${listNames(missing)} in <#${channel.id}>.`,
      "Missing permissions",
    );
  return { id: channel.id, type: channel.type };
}

/** The optional `duration`: an end time, or null for "until /unlock". */
export function lockdownEnd(ctx: ChatInputContext): Date | null {
  const text = ctx.options.get("duration", "string");
  if (text === undefined) return null;
  const duration = parseDuration(text);
  if (!duration)
    throw new UserError(
      `\`${text.slice(0, 40).replace(/`/g, "'")}\` is not a duration. Try \`30m\`, \`2h\`, \`1d\`, or leave it empty to lock until \`/unlock\`.`,
      "Bad duration",
    );
  if (duration === "permanent") return null;
  if (duration.seconds > MAX_LOCKDOWN_SECONDS)
    throw new UserError(
      "A timed lockdown can last at most 30 days; leave the duration empty to lock until `/unlock`.",
      "Bad duration",
    );
  return new Date(ctx.deps.clock.now() + duration.seconds * 1000);
}

/** The optional `reason`, trimmed; null when empty. */
export function reasonOf(ctx: ChatInputContext): string | null {
  return ctx.options.get("reason", "string")?.trim() || null;
}
