/**
 * How an /ai answer ended, as counted in `chopsticks_ai_requests_total{outcome}`:
 * - `ok`: the whole answer arrived;
 * - `timeout`: no first token within 15 s, or the answer ran past 90 s;
 * - `cut`: stopped at the short-lived runtime's limit (Workers without a long-lived worker);
 * - `interrupted`: the provider's stream broke off mid-answer;
 * - `provider_error`: the provider refused or failed (5xx, bad request, not SSE, unreachable);
 * - `auth_error`: the provider rejected the key;
 * - `provider_rate_limited`: the provider answered 429;
 * - `not_configured`: AI is not set up on this instance.
 */
export const AI_OUTCOMES = [
  "ok",
  "timeout",
  "cut",
  "interrupted",
  "provider_error",
  "auth_error",
  "provider_rate_limited",
  "not_configured",
] as const;

export type AiOutcome = (typeof AI_OUTCOMES)[number];

/**
 * How an `/ai voice` request ended on the edge, as counted in
 * `chopsticks_voice_llm_requests_total{outcome}` (the voice-node counts what it spoke):
 * - `queued`: the answer was shown and handed to the voice-node to be spoken;
 * - `llm_error`: no answer came (provider error, timeout, empty answer);
 * - `voice_unavailable`: the answer was shown, but no voice-node was up to speak it;
 * - `nothing_to_speak`: the answer had no speakable text (only code, say);
 * - `queue_error`: the speech job could not be queued.
 * `queued` counts as success for `ChopsticksVoiceLLMHighFailureRate`; the rest are failures.
 */
export const VOICE_LLM_EDGE_OUTCOMES = [
  "queued",
  "llm_error",
  "voice_unavailable",
  "nothing_to_speak",
  "queue_error",
] as const;

export type VoiceLlmEdgeOutcome = (typeof VOICE_LLM_EDGE_OUTCOMES)[number];
