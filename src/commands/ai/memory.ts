import { conversationKey, forgetMemory } from "../../ai/index.ts";
import { type ChatInputContext, COLORS, embed, ephemeral } from "../../interactions/index.ts";

/** `/ai forget`: clears the user's conversation in this channel. */
export async function forget(ctx: ChatInputContext) {
  const channelId = ctx.interaction.channel?.id ?? ctx.interaction.channel_id ?? "unknown";
  const existed = await forgetMemory(
    ctx.deps,
    conversationKey(ctx.guildId, channelId, ctx.user.id),
  );
  return ephemeral({
    embeds: [
      existed
        ? embed(
            "Forgotten",
            "Our conversation in this channel is gone. `/ai chat` starts afresh.",
            COLORS.success,
          )
        : embed(
            "Nothing to forget",
            "There was no conversation with you in this channel.",
            COLORS.info,
          ),
    ],
  });
}
