import type { ChatMessage } from "../domain/ai/index.ts";
import type { ChatModel, StreamOptions } from "../ports/index.ts";

/** The model name the playground's answers carry in their footer. */
export const STAND_IN_MODEL = "playground-stand-in";

function cannedAnswer(question: string, turns: number): string {
  const memory =
    turns > 0
      ? `I remember ${turns} earlier message${turns === 1 ? "" : "s"} of this conversation, so \`/ai chat\` has memory here too.`
      : "This is the first message of our conversation; `/ai chat` will remember it for 24 hours.";
  return [
    `You asked ${question.length} characters' worth: *${question.slice(0, 80)}${question.length > 80 ? "…" : ""}*`,
    "",
    "I am the **playground stand-in model**. I do not think; I stream this canned answer a few words at a time so you can watch the bot edit its reply as tokens arrive, at most once a second.",
    "",
    memory,
    "",
    "To talk to a real model, set `AI_BASE_URL`, `AI_API_KEY` and `AI_MODEL` (any OpenAI-compatible API), or let a server bring its own key with `/ai key set`.",
  ].join("\n");
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/**
 * The playground's local model: streams a canned answer slowly (`delayMs` per word) so
 * streaming can be watched in `npm run interact` with nothing configured.
 */
export function standInModel(delayMs = 90): ChatModel {
  return {
    provider: "stand-in",
    model: STAND_IN_MODEL,
    async *stream(messages: readonly ChatMessage[], { signal }: StreamOptions) {
      const question = messages.at(-1)?.content ?? "";
      const turns = messages.filter((m) => m.role !== "system").length - 1;
      const words = cannedAnswer(question, turns).split(/(?<=\s)/);
      for (const word of words) {
        await sleep(delayMs, signal);
        yield word;
      }
    },
  };
}
