import { prepareAnswer, prepareVoiceAnswer, runAnswer, speakAnswer } from "../../ai/index.ts";
import { promptProblem } from "../../domain/ai/index.ts";
import { type ChatInputContext, defer, UserError } from "../../interactions/index.ts";

/**
 * `/ai voice prompt:<text>`: one question (no memory), streamed here as text, then spoken in
 * the asker's voice channel by the voice-node. With the voice-node down the text still comes,
 * with a line saying voice is unavailable.
 */
export async function voice(ctx: ChatInputContext) {
  const question = ctx.options.require("prompt", "string");
  const problem = promptProblem(question, "prompt");
  if (problem) throw new UserError(problem, "Nothing to ask");
  const target = await prepareVoiceAnswer(ctx);
  const plan = await prepareAnswer(ctx.deps, {
    question,
    guildId: ctx.guildId,
    channelId: ctx.interaction.channel?.id ?? ctx.interaction.channel_id ?? "unknown",
    userId: ctx.user.id,
    remember: false,
  });
  return defer(
    async (progress) => {
      const answered = await runAnswer(ctx.deps, plan, progress).catch((error: unknown) => {
        ctx.deps.metrics.observeVoiceLlmRequest("llm_error");
        throw error;
      });
      return speakAnswer(ctx.deps, target, answered);
    },
    { ephemeral: false },
  );
}
