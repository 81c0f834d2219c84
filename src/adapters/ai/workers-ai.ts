import type { ChatMessage } from "../../domain/ai/index.ts";
import { AiProviderError, type ChatModel, type StreamOptions } from "../../ports/ai.ts";
import { sseData } from "./sse.ts";

/** The slice of the Workers AI binding (`env.AI`) this adapter uses. */
export interface WorkersAiBinding {
  run(model: string, inputs: Record<string, unknown>): Promise<unknown>;
}

/** The model used with the binding when AI_MODEL is unset. */
export const DEFAULT_WORKERS_AI_MODEL = "@cf/meta/llama-3.1-8b-instruct";

/** True for a value that looks like the Workers AI binding. */
export function isWorkersAiBinding(value: unknown): value is WorkersAiBinding {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { run?: unknown }).run === "function"
  );
}

/**
 * Workers AI through its binding. With `stream: true` it returns an SSE body whose events
 * carry `{ "response": "<text>" }` and end with `[DONE]`: the same interface as any provider.
 */
export function workersAiModel(binding: WorkersAiBinding, model: string): ChatModel {
  return {
    provider: "workers-ai",
    model,
    async *stream(messages: readonly ChatMessage[], { signal, maxTokens }: StreamOptions) {
      let body: unknown;
      try {
        body = await binding.run(model, { messages, stream: true, max_tokens: maxTokens });
      } catch {
        throw new AiProviderError("server", "Workers AI failed to start the answer.");
      }
      if (!(body instanceof ReadableStream)) {
        throw new AiProviderError("bad_stream", "Workers AI did not return a stream.");
      }
      signal.addEventListener("abort", () => body.cancel().catch(() => undefined), { once: true });
      for await (const data of sseData(body)) {
        if (data.trim() === "[DONE]") return;
        let text: unknown;
        try {
          text = (JSON.parse(data) as { response?: unknown }).response;
        } catch {
          throw new AiProviderError("bad_stream", "Workers AI sent an event that is not JSON.");
        }
        if (typeof text === "string" && text) yield text;
      }
    },
  };
}
