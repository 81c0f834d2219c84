import { describeError } from "../platform/logger.ts";
import type { Deps, MessageBody } from "../ports/index.ts";

/** Where a message is: enough to edit it with the bot token long after its interaction. */
export interface MessageLocation {
  channelId: string;
  messageId: string;
}

/** Discord may not have created the reply yet when we ask: a few short, bounded retries. */
const LOOKUP_DELAYS_MS = [0, 250, 750, 1500];

/**
 * After a reply is sent, looks up the message Discord made of it and stores its location with
 * `save`: heists, auctions and blackjack hands are settled after their interaction token
 * (15 minutes) may be dead, and then only the bot token can edit the message.
 */
export function rememberReplyMessage(
  deps: Deps,
  token: string,
  save: (where: MessageLocation) => Promise<void>,
): void {
  deps.background.run("economy.remember_message", async () => {
    let lastError: unknown;
    for (const delay of LOOKUP_DELAYS_MS) {
      if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
      try {
        const original = await deps.discord.interactions.getOriginal(token);
        await save({ channelId: original.channelId, messageId: original.id });
        return;
      } catch (error) {
        lastError = error;
      }
    }
    throw lastError;
  });
}

/**
 * Edits a stored message with the bot token. A failure (message deleted, channel gone,
 * access removed) is logged: the outcome is already safe in Postgres.
 */
export async function editStoredMessage(
  deps: Deps,
  where: Partial<MessageLocation> | null,
  body: MessageBody,
): Promise<boolean> {
  if (!where?.channelId || !where.messageId) return false;
  try {
    await deps.discord.channels.editMessage(where.channelId, where.messageId, body);
    return true;
  } catch (error) {
    deps.log.warn("economy.message_edit_failed", {
      channel_id: where.channelId,
      message_id: where.messageId,
      error: describeError(error),
    });
    return false;
  }
}
