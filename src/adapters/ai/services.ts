import { parseAllowlist } from "../../domain/ai/index.ts";
import type { AiServices, ChatModel } from "../../ports/ai.ts";
import { openAiCompatibleModel, verifyOpenAiCompatible } from "./openai-compatible.ts";
import { DEFAULT_WORKERS_AI_MODEL, type WorkersAiBinding, workersAiModel } from "./workers-ai.ts";

/** The configuration the AI services read. */
export interface AiConfig {
  AI_BASE_URL?: string;
  AI_API_KEY?: string;
  AI_MODEL?: string;
  AI_PROVIDER_ALLOWLIST?: string;
}

/** What a runtime supplies to build its {@link AiServices}. */
export interface AiServicesOptions {
  config: AiConfig;
  /** The address-guarded fetch for guild-supplied URLs (Node: undici; Workers: DoH check). */
  guardedFetch: typeof fetch;
  /** Workers only: the `AI` binding, used when AI_BASE_URL is unset. */
  workersAi?: WorkersAiBinding;
  /** Playground only: the stand-in used when nothing else is configured. */
  standIn?: ChatModel;
  cutAfterMs: number | null;
}

/** The model used with AI_BASE_URL when AI_MODEL is unset. */
export const DEFAULT_OPENAI_MODEL = "gpt-4o-mini";

/**
 * Chooses the operator's model: AI_BASE_URL (any OpenAI-compatible endpoint, trusted, so not
 * guarded), else the Workers AI binding, else the playground stand-in, else none.
 */
export function createAiServices(options: AiServicesOptions): AiServices {
  const { config } = options;
  let botModel: ChatModel | null = null;
  if (config.AI_BASE_URL) {
    botModel = openAiCompatibleModel({
      baseUrl: config.AI_BASE_URL.replace(/\/+$/, ""),
      apiKey: config.AI_API_KEY,
      model: config.AI_MODEL ?? DEFAULT_OPENAI_MODEL,
      fetch: (input, init) => fetch(input, init),
    });
  } else if (options.workersAi) {
    botModel = workersAiModel(options.workersAi, config.AI_MODEL ?? DEFAULT_WORKERS_AI_MODEL);
  } else if (options.standIn) {
    botModel = options.standIn;
  }
  const allowlist = parseAllowlist(config.AI_PROVIDER_ALLOWLIST).origins;
  return {
    botModel,
    allowlist,
    cutAfterMs: options.cutAfterMs,
    guildModel: (provider) => openAiCompatibleModel({ ...provider, fetch: options.guardedFetch }),
    verifyGuildProvider: (provider, signal) =>
      verifyOpenAiCompatible({ ...provider, fetch: options.guardedFetch }, signal),
  };
}
