import {
  handOffAnswer,
  longLivedWorkerAvailable,
  prepareAnswer,
  prepareVoiceAnswer,
  runAnswer,
  speakAnswer,
} from "../../ai/index.ts";
import { promptProblem } from "../../domain/ai/index.ts";
import { type ChatInputContext, defer, handOff, UserError } from "../../interactions/index.ts";

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
  // Where this runtime would cut the answer (Workers), the long-lived worker (the voice-node
  // that speaks it) streams it in full and hands it over to be spoken.
  const { job } = target;
  const movable = plan.resolved.model.provider !== "workers-ai";
  if (job && movable && (await longLivedWorkerAvailable(ctx.deps))) {
    const token = ctx.interaction.token;
    return handOff(() =>
      handOffAnswer(ctx.deps, plan.input, token, { channelId: target.channelId, job }),
    );
  }
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
