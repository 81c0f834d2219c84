import { setUploadMessage } from "../../../data/music/uploads.ts";
import type { MusicPlaylistUploadRow } from "../../../db/schema.ts";
import type { MusicJob } from "../../../domain/music/job.ts";
import { describeError } from "../../../platform/logger.ts";
import type { MessageBody } from "../../../ports/index.ts";
import type { MusicNodeContext } from "../context.ts";

/**
 * An interaction token lives 15 minutes; past 14 the upload stops relying on it and edits its
 * message with the bot token instead.
 */
export const TOKEN_USE_MS = 14 * 60_000;

/**
 * Shows an upload's progress in its response: through the interaction token while it lives,
 * then with the bot token on the same message (found through the token early on, or posted
 * afresh in the channel when the token was dead before the job even started). The final
 * report is also posted as a new message once the token is gone, so the uploader sees it.
 * Progress edits are paced; a failed edit is logged, never fatal (the truth is in Postgres).
 */
export class UploadMessenger {
  private lastEditAt = Number.NEGATIVE_INFINITY;
  private message: { channelId: string; messageId: string } | null;
  private readonly uploadId: number;

  constructor(
    private readonly ctx: MusicNodeContext,
    private readonly job: MusicJob,
    upload: MusicPlaylistUploadRow,
    private readonly gapMs: number,
  ) {
    this.message =
      upload.messageChannelId && upload.messageId
        ? { channelId: upload.messageChannelId, messageId: upload.messageId }
        : null;
    this.uploadId = upload.id;
  }

  private tokenAlive(): string | null {
    const interaction = this.job.interaction;
    if (!interaction) return null;
    return this.ctx.clock.now() - interaction.receivedAt < TOKEN_USE_MS ? interaction.token : null;
  }

  /** A progress edit, skipped when the last one was less than the gap ago. */
  async progress(body: MessageBody): Promise<void> {
    if (this.ctx.clock.now() - this.lastEditAt < this.gapMs) return;
    await this.show(body, false);
  }

  /** The final state: always shown. */
  async final(body: MessageBody): Promise<void> {
    await this.show(body, true);
  }

  private async show(body: MessageBody, final: boolean): Promise<void> {
    this.lastEditAt = this.ctx.clock.now();
    try {
      const token = this.tokenAlive();
      if (token) {
        await this.ctx.discord.interactions.editOriginal(token, body);
        if (!this.message) await this.remember(token);
        return;
      }
      const posted = await this.editWithBotToken(body);
      // Past the token the uploader may no longer look at the old message: tell them anew.
      if (final && !posted) {
        await this.ctx.discord.channels.createMessage(this.job.textChannelId, {
          ...body,
          allowed_mentions: { parse: [], users: [this.job.userId] },
        });
      }
    } catch (error) {
      this.ctx.log.warn("music.upload_message_failed", {
        uploadId: this.uploadId,
        final,
        error: describeError(error),
      });
    }
  }

  /** Edits the response with the bot token; true when it had to post it afresh. */
  private async editWithBotToken(body: MessageBody): Promise<boolean> {
    if (this.message) {
      await this.ctx.discord.channels.editMessage(
        this.message.channelId,
        this.message.messageId,
        body,
      );
      return false;
    }
    const messageId = await this.ctx.discord.channels.createMessage(this.job.textChannelId, body);
    this.message = { channelId: this.job.textChannelId, messageId };
    await setUploadMessage(this.ctx.db, this.uploadId, this.message);
    return true;
  }

  /** Where the response is, for bot-token edits after the token expired. */
  private async remember(token: string): Promise<void> {
    const original = await this.ctx.discord.interactions.getOriginal(token);
    this.message = { channelId: original.channelId, messageId: original.id };
    await setUploadMessage(this.ctx.db, this.uploadId, this.message);
  }
}
