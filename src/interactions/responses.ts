import {
  type APIApplicationCommandOptionChoice,
  type APIEmbed,
  type APIInteractionResponse,
  type APIModalInteractionResponseCallbackData,
  InteractionResponseType,
  MessageFlags,
} from "discord-api-types/v10";
import { clampEmbeds, LIMITS } from "../domain/message-limits.ts";
import { truncate } from "../domain/text.ts";
import type { MessageBody } from "../ports/index.ts";
import type { DeferredWork, Progress } from "./types.ts";

/** Embed colours used across the bot. */
export const COLORS = { info: 0x5865f2, success: 0x57f287, warning: 0xfee75c, error: 0xed4245 };

/** Makes a message body safe to send: content and embeds clamped to Discord's limits. */
export function clampMessage(body: MessageBody): MessageBody {
  const out: MessageBody = { ...body };
  if (out.content) out.content = truncate(out.content, LIMITS.content);
  if (out.embeds) out.embeds = clampEmbeds(out.embeds);
  return out;
}

/** A public reply (type 4). */
export function reply(body: MessageBody): APIInteractionResponse {
  return { type: InteractionResponseType.ChannelMessageWithSource, data: clampMessage(body) };
}

/** A reply only the invoker sees. */
export function ephemeral(body: MessageBody): APIInteractionResponse {
  return reply({ ...body, flags: (body.flags ?? 0) | MessageFlags.Ephemeral });
}

/** Updates the message a component is attached to (type 7). */
export function updateMessage(body: MessageBody): APIInteractionResponse {
  return { type: InteractionResponseType.UpdateMessage, data: clampMessage(body) };
}

/** Opens a modal (type 9). */
export function modal(data: APIModalInteractionResponseCallbackData): APIInteractionResponse {
  return {
    type: InteractionResponseType.Modal,
    data: { ...data, title: truncate(data.title, LIMITS.modalTitle) },
  };
}

/** Autocomplete choices (type 8), cut to Discord's 25 with names and values truncated. */
export function autocompleteChoices(
  choices: readonly APIApplicationCommandOptionChoice[],
): APIInteractionResponse {
  return {
    type: InteractionResponseType.ApplicationCommandAutocompleteResult,
    data: {
      choices: choices.slice(0, LIMITS.autocompleteChoices).map((c) => ({
        ...c,
        name: truncate(c.name, LIMITS.choiceName),
        value: typeof c.value === "string" ? truncate(c.value, LIMITS.choiceValue) : c.value,
      })) as APIApplicationCommandOptionChoice[],
    },
  };
}

/**
 * Defers (type 5, or type 6 for components) and runs `work` after the response; what it
 * returns becomes the final edit (null: a job elsewhere finishes the reply through the token).
 * Only the ephemeral flag may be chosen at defer time.
 */
export function defer(
  work: (progress: Progress) => Promise<MessageBody | null>,
  options: { ephemeral?: boolean } = {},
): DeferredWork {
  return { kind: "deferred", ephemeral: options.ephemeral ?? true, work };
}

/**
 * Defers publicly and runs `work` after the response; whoever `work` hands the interaction to
 * (a queued job) finishes it with an edit. If `work` fails, the public "thinking…" message is
 * replaced by a private error, as for any deferred failure.
 */
export function handOff(work: () => Promise<void>): DeferredWork {
  return {
    kind: "deferred",
    ephemeral: false,
    work: async () => {
      await work();
      return null;
    },
  };
}

/** An embed with a title, description and colour. */
export function embed(
  title: string,
  description: string,
  color: number = COLORS.info,
  extra: Partial<APIEmbed> = {},
): APIEmbed {
  return { title, description, color, ...extra };
}

/** The ephemeral embed shown for anything the user got wrong. */
export function errorBody(title: string, description: string): MessageBody {
  return { embeds: [embed(title, description, COLORS.error)], flags: MessageFlags.Ephemeral };
}
