import { type APIEmbedField, ButtonStyle, ComponentType } from "discord-api-types/v10";
import type { BanJob } from "../data/moderation/index.ts";
import type { Failure } from "../domain/moderation/ban-outcome.ts";
import { deleteMessagesLabel } from "../domain/moderation/delete-messages.ts";
import type { Skip } from "../domain/moderation/hierarchy.ts";
import { banningLine, checkingLine, plural, unbanningLine } from "../domain/moderation/progress.ts";
import { joinLinesWithin, truncate } from "../domain/text.ts";
import { COLORS, customId, embed } from "../interactions/index.ts";
import type { MessageBody } from "../ports/index.ts";
import { discordTime } from "./case-view.ts";

const FIELD_MAX = 1000;

/** "**reason** (3): <@1> <@2> <@3>" per reason, so hundreds of skips stay readable. */
function grouped(entries: readonly (Skip | Failure)[]): string {
  const byReason = new Map<string, string[]>();
  for (const e of entries) byReason.set(e.reason, [...(byReason.get(e.reason) ?? []), e.id]);
  const lines = [...byReason].map(
    ([reason, ids]) => `**${reason}** (${ids.length}): ${ids.map((id) => `<@${id}>`).join(" ")}`,
  );
  return joinLinesWithin(
    lines.map((l) => truncate(l, FIELD_MAX)),
    FIELD_MAX,
  );
}

/** Tokens as typed, defanged so they cannot break out of the code span. */
function invalidList(invalid: readonly string[]): string {
  const shown = invalid.map((t) => `\`${truncate(t.replace(/`/g, "'"), 40)}\``);
  return joinLinesWithin([shown.join(" ")], FIELD_MAX);
}

function listsFields(skipped: readonly Skip[], invalid: readonly string[]): APIEmbedField[] {
  const fields: APIEmbedField[] = [];
  if (skipped.length)
    fields.push({ name: `Skipped (${skipped.length}) — never banned`, value: grouped(skipped) });
  if (invalid.length)
    fields.push({
      name: `Not user ids (${invalid.length}) — ignored`,
      value: invalidList(invalid),
    });
  return fields;
}

/** While member roles are looked up. */
export function checkingBody(done: number, total: number): MessageBody {
  return { embeds: [embed("Massban: checking", checkingLine(done, total), COLORS.info)] };
}

/** Nothing survived the skips: say so, and why, without buttons. */
export function nothingToBanBody(
  skipped: readonly Skip[],
  invalid: readonly string[],
): MessageBody {
  return {
    embeds: [
      embed(
        "Nothing to ban",
        "Every id given is someone Chopsticks must not ban. Nothing was changed.",
        COLORS.warning,
        { fields: listsFields(skipped, invalid) },
      ),
    ],
    components: [],
  };
}

/** The preview with Confirm and Cancel; only the moderator's presses count. */
export function previewBody(job: BanJob): MessageBody {
  const lines = [
    `**${plural(job.targets.length, "user")}** will be banned; **${job.skipped.length}** skipped.`,
    `Reason: ${job.reason ? truncate(job.reason, 400) : "none given"}`,
    `Delete their messages from: ${deleteMessagesLabel(job.deleteMessageSeconds)}`,
    `Confirm ${discordTime(job.expiresAt, "R")}; after that this preview expires.`,
  ];
  const banned = job.targets.map((id) => `<@${id}>`).join(" ");
  return {
    embeds: [
      embed("Massban preview", lines.join("\n"), COLORS.warning, {
        fields: [
          { name: "Will be banned", value: joinLinesWithin([banned], FIELD_MAX) },
          ...listsFields(job.skipped, job.invalid),
        ],
      }),
    ],
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Danger,
            label: `Ban ${job.targets.length}`,
            custom_id: customId("massban", "confirm", job.id),
          },
          {
            type: ComponentType.Button,
            style: ButtonStyle.Secondary,
            label: "Cancel",
            custom_id: customId("massban", "cancel", job.id),
          },
        ],
      },
    ],
    allowed_mentions: { parse: [] },
  };
}

/** A preview that was cancelled or expired: nobody was banned. */
export function closedBody(state: "cancelled" | "expired"): MessageBody {
  const text =
    state === "cancelled"
      ? "Cancelled. Nobody was banned."
      : "This preview expired after 60 seconds. Nobody was banned; run `/massban ban` again.";
  return {
    embeds: [embed(state === "cancelled" ? "Massban cancelled" : "Massban expired", text)],
    components: [],
  };
}

/** Why a press on a preview that is no longer pending does nothing. */
export function notPendingText(job: BanJob, now: number): string {
  switch (job.state) {
    case "running":
      return `This massban is already running as case #${job.caseNumber}. Nothing more was done.`;
    case "done":
      return `This massban already ran as case #${job.caseNumber}. Nothing more was done.`;
    case "cancelled":
      return "This massban was cancelled; nobody was banned.";
    default:
      return job.expiresAt.getTime() <= now
        ? "This preview expired. Nobody was banned; run `/massban ban` again."
        : "This preview can no longer be confirmed.";
  }
}

/** Between chunks of a massban or batches of an undo. */
export function jobProgressBody(job: BanJob): MessageBody {
  const line =
    job.kind === "ban"
      ? banningLine(job.nextIndex, job.targets.length, job.doneIds.length)
      : unbanningLine(job.nextIndex, job.targets.length);
  const title =
    job.kind === "ban" ? `Massban — case #${job.caseNumber}` : `Undo — case #${job.caseNumber}`;
  return { embeds: [embed(title, line, COLORS.info)], components: [] };
}

/** When a run hands the rest to the cron trigger to stay inside the time limit. */
export function handedOverBody(job: BanJob): MessageBody {
  const body = jobProgressBody(job);
  const first = body.embeds?.[0];
  return {
    ...body,
    embeds: [
      {
        ...first,
        description: `${first?.description ?? ""}\nChopsticks is finishing the rest in the background; this message updates when it is done.`,
      },
    ],
  };
}

/** The final summary of a massban or an undo. */
export function jobSummaryBody(job: BanJob): MessageBody {
  const failed = job.failed.length;
  const fields: APIEmbedField[] = [];
  if (failed) fields.push({ name: `Failed (${failed})`, value: grouped(job.failed) });
  if (job.kind === "ban") {
    if (job.skipped.length)
      fields.push({ name: `Skipped (${job.skipped.length})`, value: grouped(job.skipped) });
    const text = `Banned **${job.doneIds.length}**, failed **${failed}**, skipped **${job.skipped.length}**.\nUndo with \`/massban undo case:${job.caseNumber}\`.`;
    return {
      embeds: [
        embed(
          `Massban done — case #${job.caseNumber}`,
          text,
          failed ? COLORS.warning : COLORS.success,
          {
            fields,
          },
        ),
      ],
      components: [],
      allowed_mentions: { parse: [] },
    };
  }
  const text = `Unbanned **${job.doneIds.length}**, ${plural(job.goneIds.length, "user was", "users were")} no longer banned, failed **${failed}**.\nThis undoes case #${job.undoesCaseNumber}.`;
  return {
    embeds: [
      embed(`Undo done — case #${job.caseNumber}`, text, failed ? COLORS.warning : COLORS.success, {
        fields,
      }),
    ],
    components: [],
    allowed_mentions: { parse: [] },
  };
}
