import { updateMusicSettings } from "../../data/music/settings.ts";
import { reply } from "../../interactions/index.ts";
import type { ChatInputContext, HandlerResult } from "../../interactions/types.ts";
import { checkMusicAccess, requireManageGuild } from "../../music/access.ts";
import { musicNotice, quietly } from "../../music/views.ts";
import { readOnOff, readPreset } from "./inputs.ts";
import { viaVoiceNode } from "./via-voice-node.ts";

/** `/music filter preset:<…>`: the voice-node applies it to the playing track. */
export function filter(ctx: ChatInputContext): Promise<HandlerResult> {
  return viaVoiceNode(ctx, { type: "filter", preset: readPreset(ctx) });
}

/** `/music stay on|off` (Manage Server): 24/7 mode, kept by the voice-node. */
export function stay(ctx: ChatInputContext): Promise<HandlerResult> {
  const on = readOnOff(ctx);
  requireManageGuild(ctx, "24/7 mode");
  return viaVoiceNode(ctx, { type: "stay", on });
}

/** `/music autoplay on|off`: the voice-node queues related tracks when the queue runs out. */
export function autoplay(ctx: ChatInputContext): Promise<HandlerResult> {
  return viaVoiceNode(ctx, { type: "autoplay", on: readOnOff(ctx) });
}

/** `/music announce on|off`: whether track starts post a now-playing message. */
export async function announce(ctx: ChatInputContext): Promise<HandlerResult> {
  const on = readOnOff(ctx);
  const { guildId } = await checkMusicAccess(ctx, "configure");
  await updateMusicSettings(ctx.deps.db, guildId, { announce: on });
  return reply(
    quietly(
      musicNotice(
        on ? "📣 Announcements on" : "🔕 Announcements off",
        on
          ? `I'll post a now-playing message with controls when a track starts (set by <@${ctx.user.id}>).`
          : `No more now-playing messages; \`/music nowplaying\` still shows the track (set by <@${ctx.user.id}>).`,
      ),
    ),
  );
}
