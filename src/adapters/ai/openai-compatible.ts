import type { ChatMessage } from "../../domain/ai/index.ts";
import { AiProviderError, type ChatModel, type StreamOptions } from "../../ports/ai.ts";
import { fetchError, responseError } from "./errors.ts";
import { discardBody, sseData } from "./sse.ts";

/** How to reach one OpenAI-compatible Chat Completions endpoint. */
export interface OpenAiCompatibleOptions {
  /** `https://api.openai.com/v1`: `/chat/completions` is appended. */
  baseUrl: string;
  apiKey?: string;
  model: string;
  /** The fetch to use: the address-guarded one for guild keys. */
  fetch: typeof fetch;
}

interface ChunkShape {
  choices?: { delta?: { content?: unknown }; finish_reason?: unknown }[];
  error?: unknown;
}

function requestInit(
  options: OpenAiCompatibleOptions,
  body: unknown,
  signal: AbortSignal,
): RequestInit {
  return {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "text/event-stream",
      ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
    },
    body: JSON.stringify(body),
    redirect: "manual",
    signal,
  };
}

async function post(
  options: OpenAiCompatibleOptions,
  body: unknown,
  signal: AbortSignal,
): Promise<Response> {
  let response: Response;
  try {
    response = await options.fetch(
      `${options.baseUrl}/chat/completions`,
      requestInit(options, body, signal),
    );
  } catch (error) {
    throw fetchError(error);
  }
  if (response.status < 200 || response.status >= 300 || response.type === "opaqueredirect") {
    throw responseError(response);
  }
  return response;
}

/** Parses one `data:` payload of the stream; null for payloads that carry no text. */
function deltaOf(data: string): { text: string; finished: boolean } {
  let chunk: ChunkShape;
  try {
    chunk = JSON.parse(data) as ChunkShape;
  } catch {
    throw new AiProviderError("bad_stream", "The provider sent an event that is not JSON.");
  }
  if (chunk.error) {
    throw new AiProviderError(
      "server",
      "The provider reported an error in the middle of the answer.",
    );
  }
  const choice = chunk.choices?.[0];
  const content = choice?.delta?.content;
  return {
    text: typeof content === "string" ? content : "",
    finished: typeof choice?.finish_reason === "string",
  };
}

/**
 * A model behind an OpenAI-compatible Chat Completions endpoint, streamed over SSE.
 * Redirects are never followed; error bodies are never read.
 */
export function openAiCompatibleModel(options: OpenAiCompatibleOptions): ChatModel {
  return {
    provider: "openai-compatible",
    model: options.model,
    async *stream(messages: readonly ChatMessage[], { signal, maxTokens }: StreamOptions) {
      const response = await post(
        options,
        { model: options.model, messages, stream: true, max_tokens: maxTokens },
        signal,
      );
      const type = response.headers.get("content-type") ?? "";
      if (!type.toLowerCase().includes("text/event-stream") || !response.body) {
        discardBody(response);
        throw new AiProviderError(
          "bad_stream",
          "The provider did not answer with an event stream (SSE); is the base URL an OpenAI-compatible API?",
        );
      }
      let finished = false;
      try {
        for await (const data of sseData(response.body)) {
          if (data.trim() === "[DONE]") return;
          const delta = deltaOf(data);
          finished ||= delta.finished;
          if (delta.text) yield delta.text;
        }
      } catch (error) {
        if (error instanceof AiProviderError || signal.aborted) throw error;
        throw new AiProviderError(
          "interrupted",
          "The provider's stream broke off in the middle of the answer.",
        );
      }
      if (!finished) {
        throw new AiProviderError(
          "interrupted",
          "The provider's stream broke off in the middle of the answer.",
        );
      }
    },
  };
}

/**
 * Proves a key, base URL and model work with one cheap request: a one-token completion,
 * not streamed. Throws {@link AiProviderError}; reads nothing of an error body.
 */
export async function verifyOpenAiCompatible(
  options: OpenAiCompatibleOptions,
  signal: AbortSignal,
): Promise<void> {
  const response = await post(
    options,
    { model: options.model, messages: [{ role: "user", content: "ping" }], max_tokens: 1 },
    signal,
  );
  const type = response.headers.get("content-type") ?? "";
  discardBody(response);
  if (!type.toLowerCase().includes("application/json")) {
    throw new AiProviderError(
      "bad_stream",
      "The provider did not answer like an OpenAI-compatible API (no JSON); check the base URL.",
    );
  }
}
