import { classifyAddress, isIpLiteral } from "./addresses.ts";

/** A provider base URL that passed the checks, normalised (no trailing slash). */
export interface CheckedProviderUrl {
  /** `https://api.example.com/v1` */
  base: string;
  origin: string;
  host: string;
  /** True when the operator's allowlist let it skip the address checks. */
  allowlisted: boolean;
}

/** The outcome of {@link checkProviderUrl}: the URL, or why it was refused (for the user). */
export type ProviderUrlCheck =
  | { ok: true; url: CheckedProviderUrl }
  | { ok: false; reason: string };

/**
 * Parses the operator's allowlist: comma-separated origins (`http://10.0.0.5:11434`) whose
 * base URLs skip the https-only and address checks. Unparseable entries are reported.
 */
export function parseAllowlist(raw: string | undefined): { origins: string[]; invalid: string[] } {
  const origins: string[] = [];
  const invalid: string[] = [];
  for (const entry of (raw ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean)) {
    try {
      const url = new URL(entry);
      if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error("scheme");
      origins.push(url.origin);
    } catch {
      invalid.push(entry);
    }
  }
  return { origins, invalid };
}

/**
 * Checks a base URL someone typed into `/ai key set` before the bot calls it: https only, no
 * credentials, query or fragment, and no IP literal outside the public internet. Names are
 * checked again where they resolve, at connect time. Origins on the operator's allowlist skip
 * the scheme and address checks.
 */
export function checkProviderUrl(raw: string, allowlist: readonly string[]): ProviderUrlCheck {
  const text = raw.trim();
  if (text.length === 0) return { ok: false, reason: "The base URL is empty." };
  if (text.length > 300)
    return { ok: false, reason: "The base URL is longer than 300 characters." };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return {
      ok: false,
      reason: "The base URL is not a valid URL (e.g. `https://api.openai.com/v1`).",
    };
  }
  const allowlisted = allowlist.includes(url.origin);
  if (!allowlisted && url.protocol !== "https:") {
    return { ok: false, reason: "The base URL must start with `https://`." };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return { ok: false, reason: "The base URL must start with `https://`." };
  }
  if (url.username || url.password) {
    return { ok: false, reason: "The base URL may not carry a user name or password." };
  }
  if (url.search || url.hash) {
    return { ok: false, reason: "The base URL may not have a query (`?…`) or fragment (`#…`)." };
  }
  if (!allowlisted && isIpLiteral(url.hostname)) {
    const kind = classifyAddress(url.hostname);
    if (kind !== "public") {
      return {
        ok: false,
        reason: `The base URL points at a ${kind} address, which the bot will not call.`,
      };
    }
  }
  if (!allowlisted && !url.hostname.includes(".") && !isIpLiteral(url.hostname)) {
    return { ok: false, reason: "The base URL needs a full host name (like `api.openai.com`)." };
  }
  const base = `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
  return { ok: true, url: { base, origin: url.origin, host: url.host, allowlisted } };
}

/** Why a model name was refused; null when it is fine. */
export function modelProblem(model: string): string | null {
  if (model.trim().length === 0) return "The model is empty (e.g. `gpt-4o-mini`).";
  if (model.length > 100) return "The model name is longer than 100 characters.";
  if (!/^[\w.:/@+-]+$/.test(model.trim())) {
    return "The model name may only use letters, digits and `. : / @ + - _`.";
  }
  return null;
}

/** Why an API key was refused before any call; null when it is fine. */
export function apiKeyProblem(key: string): string | null {
  if (key.trim().length < 8) return "The API key is too short.";
  if (key.length > 512) return "The API key is longer than 512 characters.";
  if (!/^[\x21-\x7e]+$/.test(key.trim()))
    return "The API key may not contain spaces or unusual characters.";
  return null;
}
