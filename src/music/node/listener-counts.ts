import { updatePlayer } from "../../data/music/players.ts";
import { describeError } from "../../platform/logger.ts";
import type { MusicNodeContext } from "./context.ts";

/**
 * Writes how many people listen with the bot to the guild's player row whenever it changes,
 * so the edge (which has no gateway) can apply the DJ rule "alone in the channel with the bot"
 * before it defers. Only guilds where the bot is in a channel are written.
 */
export class ListenerCounts {
  private readonly written = new Map<string, number | null>();

  constructor(private readonly ctx: MusicNodeContext) {}

  /** Re-counts a guild after a voice state changed there. */
  update(guildId: string): void {
    const { ctx } = this;
    const channelId = ctx.audio.channelOf(guildId);
    if (!channelId && !this.written.has(guildId)) return;
    const count = channelId ? ctx.voice.listenersIn(guildId, channelId, ctx.botUserId) : null;
    if (this.written.get(guildId) === count) return;
    if (count === null) this.written.delete(guildId);
    else this.written.set(guildId, count);
    void updatePlayer(ctx.db, guildId, { listeners: count }).catch((error: unknown) => {
      this.written.delete(guildId);
      ctx.log.warn("music.listeners_save_failed", { guildId, error: describeError(error) });
    });
  }
}
