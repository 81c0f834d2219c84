import type { REST } from "@discordjs/rest";
import { type APIMessage, MessageFlags, Routes } from "discord-api-types/v10";
import type { InteractionWebhooks, MessageBody } from "../../ports/index.ts";
import type { CallDiscord } from "./errors.ts";

/** Edits may only carry these flags; the ephemeral flag is fixed when the response is sent. */
const EDITABLE_FLAGS = MessageFlags.SuppressEmbeds | MessageFlags.IsComponentsV2;

/** Interaction follow-ups; authenticated by the token in the URL, not the bot token. */
export class InteractionWebhooksApi implements InteractionWebhooks {
  constructor(
    private readonly rest: REST,
    private readonly applicationId: string,
    private readonly call: CallDiscord,
  ) {}

  async editOriginal(token: string, body: MessageBody): Promise<void> {
    const { flags, ...rest } = body;
    const editable = (flags ?? 0) & EDITABLE_FLAGS;
    await this.call(() =>
      this.rest.patch(Routes.webhookMessage(this.applicationId, token, "@original"), {
        body: editable ? { ...rest, flags: editable } : rest,
        auth: false,
      }),
    );
  }

  async editMessage(token: string, messageId: string, body: MessageBody): Promise<void> {
    const { flags, ...rest } = body;
    const editable = (flags ?? 0) & EDITABLE_FLAGS;
    await this.call(() =>
      this.rest.patch(Routes.webhookMessage(this.applicationId, token, messageId), {
        body: editable ? { ...rest, flags: editable } : rest,
        auth: false,
      }),
    );
  }

  async followUp(token: string, body: MessageBody): Promise<string> {
    const message = (await this.call(() =>
      this.rest.post(Routes.webhook(this.applicationId, token), { body, auth: false }),
    )) as APIMessage;
    return message.id;
  }

  async getOriginal(token: string): Promise<{ id: string; channelId: string }> {
    const message = (await this.call(() =>
      this.rest.get(Routes.webhookMessage(this.applicationId, token, "@original"), { auth: false }),
    )) as APIMessage;
    return { id: message.id, channelId: message.channel_id };
  }

  async deleteOriginal(token: string): Promise<void> {
    await this.call(() =>
      this.rest.delete(Routes.webhookMessage(this.applicationId, token, "@original"), {
        auth: false,
      }),
    );
  }
}
