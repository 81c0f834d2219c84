import type { ChatMessage } from "../domain/ai/index.ts";

/** What went wrong talking to an AI provider, in categories the user can act on. */
export type AiFailureKind =
  | "auth"
  | "rate_limited"
  | "not_found"
  | "bad_request"
  | "server"
  | "redirect"
  | "bad_stream"
  | "interrupted"
  | "network"
  | "blocked_address";

/**
 * A provider call that failed. The message is ours, never the provider's body (which could
 * echo a key or internal detail); `status` is the HTTP status when there was one.
 */
export class AiProviderError extends Error {
  override name = "AiProviderError";
  constructor(
    readonly kind: AiFailureKind,
    message: string,
    readonly status: number | null = null,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}

/** Options of one streamed answer. */
export interface StreamOptions {
  /** Aborting it ends the stream (timeouts, cuts). */
  signal: AbortSignal;
  maxTokens: number;
}

/** A chat model that streams its answer as text deltas. */
export interface ChatModel {
  /** `openai-compatible`, `workers-ai` or `stand-in`. */
  readonly provider: string;
  /** The model's name, shown in the answer's footer. */
  readonly model: string;
  /** Streams the answer; rejects with {@link AiProviderError}. */
  stream(messages: readonly ChatMessage[], options: StreamOptions): AsyncIterable<string>;
}

/** A guild's own provider, decrypted; it lives in memory for one request only. */
export interface GuildProvider {
  baseUrl: string;
  apiKey: string;
  model: string;
}

/** The AI side of a runtime: which models exist here and how far answers may run. */
export interface AiServices {
  /** The operator's model (AI_BASE_URL, the Workers AI binding, the playground stand-in), or null. */
  readonly botModel: ChatModel | null;
  /** A guild's own provider; every call goes through the address guard. */
  guildModel(provider: GuildProvider): ChatModel;
  /** One cheap request that proves a key works before it is saved; throws {@link AiProviderError}. */
  verifyGuildProvider(provider: GuildProvider, signal: AbortSignal): Promise<void>;
  /** Origins the operator exempted from the https-only and address checks. */
  readonly allowlist: readonly string[];
  /**
   * How long an answer may stream after the response: null where the process lives on
   * (Node); about 25 s on Workers, whose `waitUntil` ends ~30 s after the response.
   */
  readonly cutAfterMs: number | null;
}
