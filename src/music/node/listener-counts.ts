import { updatePlayer } from "../../data/music/players.ts";
import { describeError } from "../../platform/logger.ts";
import type { MusicNodeContext } from "./context.ts";

/**
 * Writes how many people listen with the bot to the guild's player row whenever it changes,
 * so the edge (which has no gateway) can apply the DJ rule "alone in the channel with the bot"
 * before it defers. Only guilds where the bot is in a channel are written; writes of a guild
 * go one at a time and always carry the latest count (two in flight could land out of order).
 */
export class ListenerCounts {
  private readonly written = new Map<string, number | null>();
  private readonly latest = new Map<string, number | null>();
  private readonly writing = new Map<string, Promise<void>>();

  constructor(private readonly ctx: MusicNodeContext) {}

  /** Re-counts a guild after a voice state changed there. */
  update(guildId: string): void {
    const { ctx } = this;
    const channelId = ctx.audio.channelOf(guildId);
    if (!channelId && (this.written.get(guildId) ?? null) === null) return;
    this.latest.set(
      guildId,
      channelId ? ctx.voice.listenersIn(guildId, channelId, ctx.botUserId) : null,
    );
    if (this.writing.has(guildId)) return;
    const write = this.flush(guildId).finally(() => this.writing.delete(guildId));
    this.writing.set(guildId, write);
  }

  private async flush(guildId: string): Promise<void> {
    for (;;) {
      const count = this.latest.get(guildId) ?? null;
      if (this.written.has(guildId) && this.written.get(guildId) === count) return;
      try {
        await updatePlayer(this.ctx.db, guildId, { listeners: count });
        this.written.set(guildId, count);
      } catch (error) {
        this.written.delete(guildId);
        this.ctx.log.warn("music.listeners_save_failed", { guildId, error: describeError(error) });
        return;
      }
    }
  }
}
