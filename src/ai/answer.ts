import type { ConversationKey } from "../data/ai/index.ts";
import {
  AI_LIMITS,
  buildPrompt,
  type ChatMessage,
  promptProblem,
  trimHistory,
} from "../domain/ai/index.ts";
import { spendBucket } from "../guards/bucket-check.ts";
import { UserError } from "../interactions/index.ts";
import type { Deps, MessageBody } from "../ports/index.ts";
import { conversationKey, loadMemory, saveMemory } from "./memory.ts";
import type { AiOutcome } from "./outcomes.ts";
import { AiNotConfiguredError, type ResolvedModel, resolveModel, settingsFor } from "./provider.ts";
import {
  type AnswerSink,
  type StreamEnd,
  type StreamLimits,
  streamAnswer,
} from "./stream-answer.ts";

/** What the user asked, and where. */
export interface AnswerInput {
  question: string;
  guildId: string | null;
  channelId: string;
  userId: string;
  /** `/ai chat` remembers the conversation; `/ai ask` does not. */
  remember: boolean;
}

/** Everything checked before deferring: the answer is ready to stream. */
export interface AnswerPlan {
  input: AnswerInput;
  persona: string | null;
  resolved: ResolvedModel;
}

/**
 * The checks that must answer before deferring (a deferred reply cannot turn ephemeral):
 * the prompt, whether AI is set up for this guild, and the bot key's `ai` rate limit.
 * Throws {@link UserError}s; changes nothing.
 */
export async function prepareAnswer(deps: Deps, input: AnswerInput): Promise<AnswerPlan> {
  const problem = promptProblem(input.question, input.remember ? "message" : "prompt");
  if (problem) throw new UserError(problem, "Nothing to ask");
  const settings = await settingsFor(deps, input.guildId);
  let resolved: ResolvedModel;
  try {
    resolved = await resolveModel(deps, input.guildId, settings);
  } catch (error) {
    if (error instanceof AiNotConfiguredError) deps.metrics.observeAiRequest("not_configured", 0);
    throw error;
  }
  if (!resolved.guildKey) {
    const wait = await spendBucket(deps, "ai", input.guildId, input.userId);
    if (wait !== null) {
      throw new UserError(`Too many AI requests — try again in ${wait} s.`, "Slow down");
    }
  }
  return { input, persona: settings.persona, resolved };
}

function outcomeOf(end: StreamEnd): AiOutcome {
  switch (end.kind) {
    case "complete":
      return "ok";
    case "timeout":
      return "timeout";
    case "cut":
      return "cut";
    case "failed":
      switch (end.error.kind) {
        case "auth":
          return "auth_error";
        case "rate_limited":
          return "provider_rate_limited";
        case "interrupted":
          return "interrupted";
        default:
          return "provider_error";
      }
  }
}

/** The words shown when no text arrived at all. */
function failureText(end: StreamEnd, firstTokenMs: number, guildKey: boolean): string {
  if (end.kind === "timeout") {
    return `The model did not start answering within ${firstTokenMs / 1000} s. Nothing was saved; please try again.`;
  }
  if (end.kind === "failed") {
    const who = guildKey
      ? " This server uses its own key: a server manager can check it with `/ai key status`."
      : "";
    return `${end.error.message}${end.error.kind === "auth" ? who : ""} Nothing was saved.`;
  }
  return "The model sent an empty answer. Nothing was saved; please try again.";
}

/** A shown answer: the final body of the original response, and the text that arrived. */
export interface Answered {
  body: MessageBody;
  text: string;
}

/**
 * Streams the answer into the deferred response, then remembers the turn (for `/ai chat`)
 * and counts the outcome. Only sizes, timings and the outcome are logged: never the prompt
 * or the answer. Throws a {@link UserError} when no text arrived at all.
 */
export async function runAnswer(deps: Deps, plan: AnswerPlan, sink: AnswerSink): Promise<Answered> {
  const { input, resolved } = plan;
  const key: ConversationKey = conversationKey(input.guildId, input.channelId, input.userId);
  // Trimmed on the way in too: stored memory may predate a smaller budget.
  const history: ChatMessage[] = input.remember ? trimHistory(await loadMemory(deps, key)) : [];
  const messages = buildPrompt(plan.persona, history, input.question);
  const limits: StreamLimits = {
    firstTokenMs: AI_LIMITS.firstTokenMs,
    totalMs: AI_LIMITS.totalMs,
    cutAfterMs: deps.ai.cutAfterMs,
    editIntervalMs: AI_LIMITS.editIntervalMs,
    maxTokens: AI_LIMITS.answerTokens,
  };
  const result = await streamAnswer(resolved.model, messages, sink, {
    limits,
    clock: deps.clock,
    log: deps.log,
    question: input.remember ? undefined : input.question,
  });
  const outcome = outcomeOf(result.end);
  deps.metrics.observeAiRequest(outcome, result.durationMs);
  deps.log.info("ai.answer", {
    outcome,
    provider: resolved.model.provider,
    guild_key: resolved.guildKey,
    prompt_chars: input.question.length,
    history_messages: history.length,
    answer_chars: result.text.length,
    first_token_ms: result.firstTokenMs,
    duration_ms: result.durationMs,
  });
  if (!result.text) {
    throw new UserError(
      failureText(result.end, limits.firstTokenMs, resolved.guildKey),
      "No answer",
    );
  }
  if (input.remember) {
    await saveMemory(deps, key, [
      ...history,
      { role: "user", content: input.question },
      { role: "assistant", content: result.text },
    ]);
  }
  return { body: result.original, text: result.text };
}
