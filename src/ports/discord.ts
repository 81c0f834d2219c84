import type { APIInteractionResponseCallbackData } from "discord-api-types/v10";

/** A message as commands build it: the data of a reply, edit or follow-up. */
export type MessageBody = APIInteractionResponseCallbackData;

/** Follow-ups through the interaction token (valid 15 minutes; no bot auth needed). */
export interface InteractionWebhooks {
  editOriginal(token: string, body: MessageBody): Promise<void>;
  /** Sends a follow-up message and returns its id. */
  followUp(token: string, body: MessageBody): Promise<string>;
  deleteOriginal(token: string): Promise<void>;
}

/** The Discord REST surface the bot uses, one area per property. */
export interface DiscordApi {
  readonly interactions: InteractionWebhooks;
}
