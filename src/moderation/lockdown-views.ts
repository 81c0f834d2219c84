import type { APIEmbedField } from "discord-api-types/v10";
import type { ChannelNote } from "../domain/moderation/lockdown-plan.ts";
import { channelsLine, plural } from "../domain/moderation/progress.ts";
import { joinLinesWithin, truncate } from "../domain/text.ts";
import { COLORS, embed } from "../interactions/index.ts";
import type { MessageBody } from "../ports/index.ts";
import { discordTime } from "./case-view.ts";

const FIELD_MAX = 1000;

function notesField(name: string, notes: readonly ChannelNote[]): APIEmbedField[] {
  if (notes.length === 0) return [];
  const lines = notes.map((n) => `<#${n.id}> — ${truncate(n.reason, 120)}`);
  return [{ name: `${name} (${notes.length})`, value: joinLinesWithin(lines, FIELD_MAX) }];
}

function channelsField(name: string, ids: readonly string[]): APIEmbedField[] {
  if (ids.length === 0) return [];
  return [
    {
      name: `${name} (${ids.length})`,
      value: joinLinesWithin([ids.map((id) => `<#${id}>`).join(" ")], FIELD_MAX),
    },
  ];
}

/** The notice posted in a channel as it is locked. */
export function lockNoticeBody(reason: string | null, expiresAt: Date | null): MessageBody {
  const lines = [
    reason ? `**Reason:** ${truncate(reason, 1000)}` : "A moderator has locked this channel.",
  ];
  if (expiresAt) lines.push(`It unlocks ${discordTime(expiresAt, "R")}.`);
  return {
    embeds: [embed("🔒 This channel is locked", lines.join("\n"), COLORS.warning)],
    allowed_mentions: { parse: [] },
  };
}

/** The notice posted when a channel opens again. */
export function unlockNoticeBody(): MessageBody {
  return {
    embeds: [embed("🔓 This channel is unlocked", "You can talk here again.", COLORS.success)],
    allowed_mentions: { parse: [] },
  };
}

/** Progress of a lockdown or unlock of many channels. */
export function channelsProgressBody(
  verb: "Locking" | "Unlocking",
  done: number,
  total: number,
): MessageBody {
  return { embeds: [embed(`${verb}…`, channelsLine(verb, done, total), COLORS.info)] };
}

/** What a lockdown did. */
export function lockdownSummaryBody(input: {
  caseNumber: number;
  locked: readonly string[];
  failed: readonly ChannelNote[];
  skipped: readonly ChannelNote[];
  expiresAt: Date | null;
}): MessageBody {
  const lines = [
    `Locked **${plural(input.locked.length, "channel")}**${input.failed.length ? `; **${input.failed.length}** failed` : ""}.`,
    input.expiresAt
      ? `Unlocks ${discordTime(input.expiresAt, "R")}, or earlier with \`/unlock\`.`
      : "Locked until `/unlock`.",
  ];
  if (input.failed.length)
    lines.push("Any channel that may have changed is recorded and will be restored by `/unlock`.");
  return {
    embeds: [
      embed(
        `Lockdown — case #${input.caseNumber}`,
        lines.join("\n"),
        input.failed.length ? COLORS.warning : COLORS.success,
        {
          fields: [
            ...channelsField("Locked", input.locked),
            ...notesField("Failed", input.failed),
            ...notesField("Skipped", input.skipped),
          ],
        },
      ),
    ],
  };
}

/** What an unlock did. */
export function unlockSummaryBody(input: {
  caseNumber: number | null;
  restored: readonly string[];
  failed: readonly ChannelNote[];
  busy: readonly string[];
}): MessageBody {
  const title = input.caseNumber === null ? "Unlock" : `Unlock — case #${input.caseNumber}`;
  const lines = [`Restored **${plural(input.restored.length, "channel")}** exactly as they were.`];
  if (input.busy.length)
    lines.push(
      `**${plural(input.busy.length, "channel")}** ${input.busy.length === 1 ? "was" : "were"} being unlocked at this moment by a timed lockdown ending; that unlock is recorded on its own.`,
    );
  if (input.failed.length)
    lines.push(
      `**${input.failed.length}** could not be restored and are still locked; run \`/unlock\` again.`,
    );
  return {
    embeds: [
      embed(title, lines.join("\n"), input.failed.length ? COLORS.warning : COLORS.success, {
        fields: [
          ...channelsField("Unlocked", input.restored),
          ...notesField("Failed", input.failed),
        ],
      }),
    ],
  };
}

/** Nothing to lock or unlock: say why; nothing changed. */
export function nothingBody(
  title: string,
  text: string,
  notes: readonly ChannelNote[] = [],
): MessageBody {
  return { embeds: [embed(title, text, COLORS.info, { fields: notesField("Skipped", notes) })] };
}
