import { findMusicSettings, findPlayer } from "../../data/music/index.ts";
import { describeError } from "../../platform/logger.ts";
import { musicNotice } from "../views.ts";
import type { MusicNodeContext } from "./context.ts";
import { leaveGuild } from "./controls.ts";

/**
 * Leaves a voice channel nobody listens in (after 2 minutes alone) or after the queue has been
 * empty for 5 minutes, saying so in the channel where music was last asked for. A guild in
 * 24/7 mode (`/music stay on`) is never left.
 */
export class AutoLeave {
  private readonly alone = new Map<string, NodeJS.Timeout>();
  private readonly idle = new Map<string, NodeJS.Timeout>();
  private ctx: MusicNodeContext | null = null;

  attach(ctx: MusicNodeContext): void {
    this.ctx = ctx;
  }

  /** The queue ran out: leave after the idle delay unless something is queued meanwhile. */
  startIdle(guildId: string): void {
    this.arm(
      this.idle,
      guildId,
      this.ctx?.timings.idleLeaveMs ?? 0,
      "The queue ended a while ago, so I left.",
    );
  }

  cancelIdle(guildId: string): void {
    this.disarm(this.idle, guildId);
  }

  /** Re-checks whether the bot is alone in its channel of `guildId`. */
  checkAlone(guildId: string): void {
    const ctx = this.ctx;
    if (!ctx) return;
    const channelId = ctx.audio.channelOf(guildId);
    const listeners = channelId ? ctx.voice.listenersIn(guildId, channelId, ctx.botUserId) : 0;
    if (!channelId || listeners === null || listeners > 0) {
      this.disarm(this.alone, guildId);
      return;
    }
    if (!this.alone.has(guildId)) {
      this.arm(
        this.alone,
        guildId,
        ctx.timings.aloneLeaveMs,
        "Everyone left the voice channel, so I left too. The queue is kept.",
      );
    }
  }

  stop(): void {
    for (const timer of [...this.alone.values(), ...this.idle.values()]) clearTimeout(timer);
    this.alone.clear();
    this.idle.clear();
  }

  private disarm(timers: Map<string, NodeJS.Timeout>, guildId: string): void {
    const timer = timers.get(guildId);
    if (timer) clearTimeout(timer);
    timers.delete(guildId);
  }

  private arm(timers: Map<string, NodeJS.Timeout>, guildId: string, ms: number, why: string): void {
    this.disarm(timers, guildId);
    const timer = setTimeout(() => {
      timers.delete(guildId);
      void this.leave(guildId, why, timers === this.idle);
    }, ms);
    timer.unref();
    timers.set(guildId, timer);
  }

  private async leave(guildId: string, why: string, clearQueue: boolean): Promise<void> {
    const ctx = this.ctx;
    if (!ctx?.audio.channelOf(guildId)) return;
    try {
      const left = await ctx.locks.run(guildId, async () => {
        const [player, settings] = await Promise.all([
          findPlayer(ctx.db, guildId),
          findMusicSettings(ctx.db, guildId),
        ]);
        // 24/7 mode, or something was queued since the timer started: stay.
        if (settings.stay) ctx.log.info("music.auto_leave_skipped", { guildId, reason: "stay" });
        if (settings.stay || (clearQueue && player?.currentEntryId)) return false;
        await leaveGuild(ctx, guildId, clearQueue);
        this.disarm(this.alone, guildId);
        if (player?.textChannelId) {
          await ctx.discord.channels.createMessage(player.textChannelId, {
            embeds: [musicNotice("👋 Left the voice channel", why)],
          });
        }
        return true;
      });
      if (left) ctx.log.info("music.auto_left", { guildId, idle: clearQueue });
    } catch (error) {
      ctx.log.warn("music.auto_leave_failed", { guildId, error: describeError(error) });
    }
  }
}
