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
  UserError,
} from "../../interactions/index.ts";
import { REQUIRED, requirePermissions } from "./access.ts";
import { cancelMassban, confirmMassban } from "./massban-buttons.ts";
import { buildPreview } from "./massban-preview.ts";
import { undoMassban } from "./massban-undo.ts";

/** Discord allows 4000 characters per text input; four of them hold about 800 ids. */
const ID_FIELDS = ["ids1", "ids2", "ids3", "ids4"] as const;
const TEXT_INPUT_MAX = 4000;
const REASON_MAX = 400;

function readChoice(value: string | undefined) {
  const choice = deleteMessagesChoice(value);
  if (!choice) throw new UserError("`delete_messages` must be none, 1h, 24h or 7d.");
  return choice;
}

/** Parses the list and refuses it when nothing usable is left, listing what was not an id. */
function preview(
  ctx: ChatInputContext | ModalContext,
  text: string,
  reason: string | null,
  choice: keyof typeof DELETE_MESSAGE_CHOICES,
) {
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
  const input = { targets, reason, deleteMessageSeconds: DELETE_MESSAGE_CHOICES[choice].seconds };
  return defer((progress) => buildPreview(ctx, input, progress));
}

function banCommand(ctx: ChatInputContext) {
  requirePermissions(ctx, REQUIRED.massban);
  const choice = readChoice(ctx.options.get("delete_messages", "string"));
  const reason = ctx.options.get("reason", "string")?.trim() || null;
  const users = ctx.options.get("users", "string");
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
          description: "Preview, then ban a list of users (leave users empty for a form)",
          options: [
            {
              type: O.String,
              name: "users",
              description: "User ids or mentions, separated by spaces, commas or new lines",
              max_length: 6000,
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
