import {
  ApplicationIntegrationType,
  ComponentType,
  InteractionContextType,
  ApplicationCommandOptionType as O,
  PermissionFlagsBits,
  TextInputStyle,
} from "discord-api-types/v10";
import {
  DELETE_MESSAGE_CHOICES,
  deleteMessagesChoice,
  parseTargets,
  targetsProblem,
} from "../../domain/moderation/index.ts";
import { truncate } from "../../domain/text.ts";
import {
  type ChatInputContext,
  customId,
  defer,
  defineCommand,
  type ModalContext,
  modal,
  type ResolvedAttachment,
  UserError,
} from "../../interactions/index.ts";
import { REQUIRED, requirePermissions } from "./access.ts";
import { cancelMassban, confirmMassban } from "./massban-buttons.ts";
import { buildPreview } from "./massban-preview.ts";
import { undoMassban } from "./massban-undo.ts";

/** Discord allows 4000 characters per text input; four of them hold about 800 ids. */
const ID_FIELDS = ["ids1", "ids2", "ids3", "ids4"] as const;
const TEXT_INPUT_MAX = 4000;
/** 1000 mentions with separators fit in ~25 KB; anything far larger is not an id list. */
const FILE_MAX_BYTES = 64 * 1024;
const REASON_MAX = 400;

function readChoice(value: string | undefined) {
  const choice = deleteMessagesChoice(value);
  if (!choice) throw new UserError("`delete_messages` must be none, 1h, 24h or 7d.");
  return choice;
}

/** Parses the list; refuses it (nothing changed) when unusable, listing what was not an id. */
function checkedTargets(text: string) {
  const targets = parseTargets(text);
  const problem = targetsProblem(targets);
  if (problem) {
    const shown = targets.invalid
      .slice(0, 20)
      .map((t) => `\`${truncate(t.replace(/`/g, "'"), 40)}\``);
    const more = targets.invalid.length > 20 ? ` …and ${targets.invalid.length - 20} more` : "";
    const invalid = shown.length ? `\nNot user ids: ${shown.join(", ")}${more}` : "";
    throw new UserError(`${problem}${invalid}\nNothing was changed.`, "Nothing to ban");
  }
  return targets;
}

/** Parses the list and builds the preview (a job) after deferring. */
function preview(
  ctx: ChatInputContext | ModalContext,
  text: string,
  reason: string | null,
  choice: keyof typeof DELETE_MESSAGE_CHOICES,
) {
  const targets = checkedTargets(text);
  const input = { targets, reason, deleteMessageSeconds: DELETE_MESSAGE_CHOICES[choice].seconds };
  return defer(() => buildPreview(ctx, input));
}

/** The file as UTF-8 text; a clear refusal (nothing changed) when it cannot be used. */
async function readList(ctx: ChatInputContext, file: ResolvedAttachment): Promise<string> {
  const download = await ctx.deps.discord.attachments.download(file.url, FILE_MAX_BYTES);
  if (!download.ok)
    throw new UserError(
      download.problem === "too_large"
        ? `The file is larger than ${FILE_MAX_BYTES} bytes; a massban list holds at most 1000 ids. Nothing was changed.`
        : "The file could not be downloaded from Discord. Try again; nothing was changed.",
      "File not used",
    );
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(download.bytes);
  } catch {
    throw new UserError(
      "The file is not UTF-8 text: give a text file of ids or mentions. Nothing was changed.",
      "File not used",
    );
  }
}

/** A `file:` of ids or mentions (up to 1000): downloaded after deferring, then previewed. */
function previewFile(
  ctx: ChatInputContext,
  file: ResolvedAttachment,
  typed: string | undefined,
  reason: string | null,
  choice: keyof typeof DELETE_MESSAGE_CHOICES,
) {
  if (file.size > FILE_MAX_BYTES)
    throw new UserError(
      `\`${truncate(file.filename, 60)}\` is ${file.size} bytes; a massban list may be at most ${FILE_MAX_BYTES} bytes (1000 ids). Nothing was changed.`,
      "File too large",
    );
  return defer(async () => {
    const text = await readList(ctx, file);
    const targets = checkedTargets(`${typed ?? ""}\n${text}`);
    const input = { targets, reason, deleteMessageSeconds: DELETE_MESSAGE_CHOICES[choice].seconds };
    return buildPreview(ctx, input);
  });
}

function banCommand(ctx: ChatInputContext) {
  requirePermissions(ctx, REQUIRED.massban);
  const choice = readChoice(ctx.options.get("delete_messages", "string"));
  const reason = ctx.options.get("reason", "string")?.trim() || null;
  const users = ctx.options.get("users", "string");
  const file = ctx.options.get("file", "attachment");
  if (file) return previewFile(ctx, file, users, reason, choice);
  if (users !== undefined) return preview(ctx, users, reason, choice);
  // No list: a form with room for long lists; the choice travels in the custom_id.
  return modal({
    custom_id: customId("massban", "submit", choice),
    title: "Massban: paste the user ids",
    components: [
      ...ID_FIELDS.map((id, i) => ({
        type: ComponentType.ActionRow as const,
        components: [
          {
            type: ComponentType.TextInput as const,
            custom_id: id,
            style: TextInputStyle.Paragraph,
            label: i === 0 ? "User ids or mentions" : `More ids (part ${i + 1})`,
            placeholder: i === 0 ? "Separated by spaces, commas or new lines" : undefined,
            required: i === 0,
            max_length: TEXT_INPUT_MAX,
          },
        ],
      })),
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.TextInput,
            custom_id: "reason",
            style: TextInputStyle.Short,
            label: "Reason (audit log and case)",
            required: false,
            max_length: REASON_MAX,
            ...(reason ? { value: reason } : {}),
          },
        ],
      },
    ],
  });
}

function submitModal(ctx: ModalContext) {
  requirePermissions(ctx, REQUIRED.massban);
  const choice = readChoice(ctx.args[0]);
  const text = ID_FIELDS.map((id) => ctx.fields.get(id) ?? "").join("\n");
  const reason = ctx.fields.get("reason")?.trim().slice(0, REASON_MAX) || null;
  return preview(ctx, text, reason, choice);
}

/** `/massban ban` (preview, confirm, progress) and `/massban undo`. */
export const massban = defineCommand({
  name: "massban",
  bucket: "moderation",
  definitions: [
    {
      name: "massban",
      description: "Ban many users at once, with a preview, progress and undo",
      default_member_permissions: String(PermissionFlagsBits.BanMembers),
      integration_types: [ApplicationIntegrationType.GuildInstall],
      contexts: [InteractionContextType.Guild],
      options: [
        {
          type: O.Subcommand,
          name: "ban",
          description: "Preview, then ban a list of users (users or file; neither opens a form)",
          options: [
            {
              type: O.String,
              name: "users",
              description: "User ids or mentions, separated by spaces, commas or new lines",
              max_length: 6000,
            },
            {
              type: O.Attachment,
              name: "file",
              description: "A text file of user ids or mentions (up to 1000), e.g. a raid list",
            },
            {
              type: O.String,
              name: "reason",
              description: "Kept in the audit log and the case",
              max_length: REASON_MAX,
            },
            {
              type: O.String,
              name: "delete_messages",
              description: "Also delete their recent messages (default none)",
              choices: (Object.keys(DELETE_MESSAGE_CHOICES) as string[]).map((c) => ({
                name: c,
                value: c,
              })),
            },
          ],
        },
        {
          type: O.Subcommand,
          name: "undo",
          description: "Unban everyone a massban case banned",
          options: [
            {
              type: O.Integer,
              name: "case",
              description: "The massban's case number",
              required: true,
              min_value: 1,
            },
            {
              type: O.String,
              name: "reason",
              description: "Kept in the audit log and the case",
              max_length: REASON_MAX,
            },
          ],
        },
      ],
    },
  ],
  subcommands: { ban: banCommand, undo: undoMassban },
  components: { confirm: confirmMassban, cancel: cancelMassban },
  modals: { submit: submitModal },
});
