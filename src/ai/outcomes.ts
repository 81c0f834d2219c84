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
