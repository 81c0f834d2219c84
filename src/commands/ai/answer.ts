import {
  type AnswerPlan,
  handOffAnswer,
  longLivedWorkerAvailable,
  prepareAnswer,
  runAnswer,
} from "../../ai/index.ts";
import { type ChatInputContext, defer } from "../../interactions/index.ts";

function channelOf(ctx: ChatInputContext): string {
  return ctx.interaction.channel?.id ?? ctx.interaction.channel_id ?? "unknown";
}

/** `/ai ask prompt:<text> [private:<bool>]`: one question, streamed, without memory. */
export async function ask(ctx: ChatInputContext) {
  const question = ctx.options.require("prompt", "string");
  const privately = ctx.options.get("private", "boolean") ?? false;
  const plan = await prepareAnswer(ctx.deps, {
    question,
    guildId: ctx.guildId,
    channelId: channelOf(ctx),
    userId: ctx.user.id,
    remember: false,
  });
  return answerLater(ctx, plan, privately);
}

/** `/ai chat message:<text>`: continues the user's conversation in this channel. */
export async function chat(ctx: ChatInputContext) {
  const question = ctx.options.require("message", "string");
  const plan = await prepareAnswer(ctx.deps, {
    question,
    guildId: ctx.guildId,
    channelId: channelOf(ctx),
    userId: ctx.user.id,
    remember: true,
  });
  return answerLater(ctx, plan, false);
}

/**
 * Defers, then streams the answer here, or, where this runtime would cut it (Workers) and a
 * long-lived worker runs, hands it to that worker to stream in full.
 */
async function answerLater(ctx: ChatInputContext, plan: AnswerPlan, ephemeral: boolean) {
  // The Workers AI binding exists only on Workers: those answers cannot move to the worker.
  const movable = plan.resolved.model.provider !== "workers-ai";
  if (movable && (await longLivedWorkerAvailable(ctx.deps))) {
    const token = ctx.interaction.token;
    return defer(
      async () => {
        await handOffAnswer(ctx.deps, plan.input, token);
        return null;
      },
      { ephemeral },
    );
  }
  return defer(async (progress) => (await runAnswer(ctx.deps, plan, progress)).body, {
    ephemeral,
  });
}
