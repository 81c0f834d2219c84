import type { APIEmbed } from "discord-api-types/v10";
import type { ModerationCase } from "../db/schema.ts";
import { caseTitle, mentionTargets, targetsAreChannels } from "../domain/moderation/cases.ts";
import { type JobKind, type JobState, jobStateLine } from "../domain/moderation/job.ts";
import { plural } from "../domain/moderation/progress.ts";
import { joinLinesWithin, truncate } from "../domain/text.ts";
import { COLORS, embed } from "../interactions/index.ts";

const COLOR_OF: Record<string, number> = {
  massban: COLORS.error,
  lockdown: COLORS.warning,
  unban: COLORS.success,
  unlock: COLORS.success,
  economy_grant: COLORS.success,
  economy_take: COLORS.warning,
};

const count = (value: unknown) => (Array.isArray(value) ? value.length : 0);

/** A one-line summary of what the action did, from the case's details. */
function outcomeLine(c: ModerationCase): string | null {
  const d = c.details as Record<string, unknown>;
  switch (c.action) {
    case "massban":
      return Array.isArray(d.banned)
        ? `${count(d.banned)} banned, ${count(d.failed)} failed, ${count(d.skipped)} skipped`
        : null;
    case "unban":
      return Array.isArray(d.unbanned)
        ? `${count(d.unbanned)} unbanned, ${count(d.notBanned)} no longer banned, ${count(d.failed)} failed`
        : null;
    case "lockdown":
      return Array.isArray(d.locked)
        ? `${count(d.locked)} locked, ${count(d.failed)} failed, ${count(d.skipped)} skipped`
        : null;
    case "economy_grant":
    case "economy_take":
      // Written with the currency at the time, so the case reads the same later.
      return typeof d.amountText === "string" ? d.amountText : null;
    default:
      return null;
  }
}

/** `<t:…:f>` for a date. */
export function discordTime(date: Date | number, style = "f"): string {
  return `<t:${Math.floor(new Date(date).getTime() / 1000)}:${style}>`;
}

/** A long job's state as `/case view` shows it. */
export interface CaseJob {
  kind: JobKind;
  state: JobState;
  step: string;
  done: number;
  total: number;
  updatedAt: Date;
}

function jobField(job: CaseJob) {
  const state =
    job.state === "running" ? `running (last step ${discordTime(job.updatedAt, "R")})` : job.state;
  return { name: "Job", value: `${jobStateLine(job)}\nState: ${state}`, inline: false };
}

/** The embed of one case: in the modlog channel and for `/case view` (with its job's state). */
export function caseEmbed(c: ModerationCase, job: CaseJob | null = null): APIEmbed {
  const fields = [
    { name: "Moderator", value: `<@${c.moderatorId}>`, inline: true },
    { name: "When", value: discordTime(c.createdAt), inline: true },
    {
      name: `Targets (${c.targets.length})`,
      value: c.targets.length
        ? joinLinesWithin([mentionTargets(c.action, c.targets).join(" ")], 1000)
        : "none",
    },
  ];
  const outcome = outcomeLine(c);
  if (outcome) fields.push({ name: "Outcome", value: outcome, inline: false });
  const expiresAt = (c.details as { expiresAt?: unknown }).expiresAt;
  if (c.action === "lockdown" && typeof expiresAt === "string")
    fields.push({ name: "Ends", value: discordTime(new Date(expiresAt), "R"), inline: true });
  if (c.undoesCaseNumber !== null)
    fields.push({ name: "Undoes", value: `case #${c.undoesCaseNumber}`, inline: true });
  if (c.undoCaseNumber !== null)
    fields.push({ name: "Undone by", value: `case #${c.undoCaseNumber}`, inline: true });
  if (job) fields.push(jobField(job));
  return embed(
    caseTitle(c.number, c.action),
    c.reason ? `**Reason:** ${truncate(c.reason, 1000)}` : "No reason given.",
    COLOR_OF[c.action] ?? COLORS.info,
    { fields, timestamp: new Date(c.createdAt).toISOString() },
  );
}

/** One line of `/case list`. */
export function caseLine(c: ModerationCase): string {
  const what =
    c.targets.length === 1
      ? mentionTargets(c.action, c.targets).join("")
      : plural(c.targets.length, targetsAreChannels(c.action) ? "channel" : "user");
  const reason = c.reason ? ` — ${truncate(c.reason, 60)}` : "";
  return `**${caseTitle(c.number, c.action)}** · ${what} · by <@${c.moderatorId}> · ${discordTime(c.createdAt, "R")}${reason}`;
}
