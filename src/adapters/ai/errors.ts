import { AiProviderError } from "../../ports/ai.ts";
import { discardBody } from "./sse.ts";

/** Parses `Retry-After` (seconds or an HTTP date) into whole seconds, capped at an hour. */
function retryAfterSeconds(header: string | null, now: number): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(3600, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.min(3600, Math.max(0, Math.ceil((date - now) / 1000)));
}

/**
 * Turns a non-2xx provider response into an {@link AiProviderError} with our own words. The
 * body is discarded unread: a provider's error text can echo the key or internal detail.
 */
export function responseError(response: Response): AiProviderError {
  discardBody(response);
  const status = response.status;
  if (status >= 300 && status < 400) {
    return new AiProviderError(
      "redirect",
      `The provider answered with a redirect (HTTP ${status}); redirects are not followed.`,
      status,
    );
  }
  if (status === 401 || status === 403) {
    return new AiProviderError(
      "auth",
      `The provider rejected the API key (HTTP ${status}).`,
      status,
    );
  }
  if (status === 404) {
    return new AiProviderError(
      "not_found",
      "The provider has no such model or endpoint (HTTP 404).",
      status,
    );
  }
  if (status === 429) {
    const wait = retryAfterSeconds(response.headers.get("retry-after"), Date.now());
    return new AiProviderError(
      "rate_limited",
      `The provider is rate-limiting requests (HTTP 429)${wait !== null ? `; it asks to wait ${wait} s` : ""}.`,
      status,
      wait,
    );
  }
  if (status >= 500) {
    return new AiProviderError("server", `The provider failed (HTTP ${status}).`, status);
  }
  return new AiProviderError(
    "bad_request",
    `The provider refused the request (HTTP ${status}).`,
    status,
  );
}

/** True when `error` (or a cause) is the address guard refusing a connection. */
function blockedByGuard(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; depth++) {
    if (e.name === "BlockedAddressError") return true;
    e = e.cause;
  }
  return false;
}

/** Maps a failed fetch (no response) to an {@link AiProviderError}; aborts pass through. */
export function fetchError(error: unknown): unknown {
  if (error instanceof AiProviderError) return error;
  if (error instanceof Error && error.name === "AbortError") return error;
  if (blockedByGuard(error)) {
    return new AiProviderError(
      "blocked_address",
      "The provider's host resolves to a private, loopback, link-local or metadata address, which the bot will not call.",
    );
  }
  return new AiProviderError("network", "The provider could not be reached.");
}
