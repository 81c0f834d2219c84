import { AI_LIMITS } from "./limits.ts";

/** One message of a chat, as providers take it. */
export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

/**
 * Estimated tokens of a message: about four characters a token for English text, plus the
 * few tokens each message costs in the chat format. Good enough to budget; never billed.
 */
export function estimateTokens(message: ChatMessage): number {
  return Math.ceil(message.content.length / 4) + 4;
}

/** True for a value that is a well-formed chat message (memory read back from storage). */
export function isChatMessage(value: unknown): value is ChatMessage {
  if (typeof value !== "object" || value === null) return false;
  const { role, content } = value as Record<string, unknown>;
  return (role === "user" || role === "assistant") && typeof content === "string";
}

/**
 * The memory kept after a turn: at most the last `maxMessages`, then the oldest dropped
 * until the rest fits `tokenBudget`. It never starts with an assistant message, so the
 * model never sees an answer without its question.
 */
export function trimHistory(
  messages: readonly ChatMessage[],
  maxMessages: number = AI_LIMITS.memoryMessages,
  tokenBudget: number = AI_LIMITS.memoryTokens,
): ChatMessage[] {
  const kept = messages.slice(-maxMessages);
  let total = kept.reduce((sum, m) => sum + estimateTokens(m), 0);
  while (kept.length > 0 && (total > tokenBudget || kept[0]?.role === "assistant")) {
    total -= estimateTokens(kept.shift() as ChatMessage);
  }
  return kept;
}

const BASE_SYSTEM =
  "You are Chopsticks, a helpful assistant in a Discord server. Answer concisely in Markdown " +
  "that Discord renders. Never try to mention @everyone, @here, roles or users.";

/** The messages sent to the model: system prompt (with the guild's persona), memory, question. */
export function buildPrompt(
  persona: string | null,
  history: readonly ChatMessage[],
  question: string,
): ChatMessage[] {
  const system = persona ? `${BASE_SYSTEM}\n\nServer persona:\n${persona}` : BASE_SYSTEM;
  return [{ role: "system", content: system }, ...history, { role: "user", content: question }];
}
