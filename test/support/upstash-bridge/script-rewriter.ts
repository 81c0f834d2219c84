import { createHash } from "node:crypto";

// Shebang flags Redis 7.0 understands; anything else (notably @upstash/ratelimit ≥ 2.1's
// `allow-key-locking`, which only Upstash knows) makes Redis reject the whole script.
const REDIS_7_0_FLAGS = new Set([
  "no-writes",
  "allow-oom",
  "allow-stale",
  "no-cluster",
  "allow-cross-slot-keys",
]);
const SHEBANG = /^#!lua[ \t]+flags=([^\n]*)/;

/** SHA1 hex digest of a script, as Redis computes it for EVALSHA. */
export function scriptSha(script: string): string {
  return createHash("sha1").update(script, "utf8").digest("hex");
}

/** Returns the script with flags Redis 7.0 does not know removed, or `null` if none were. */
export function stripUnknownFlags(script: string): string | null {
  const match = SHEBANG.exec(script);
  if (!match) return null;
  const flags = (match[1] ?? "").split(",").map((flag) => flag.trim());
  const kept = flags.filter((flag) => flag === "" || REDIS_7_0_FLAGS.has(flag));
  if (kept.length === flags.length) return null;
  const line = kept.filter(Boolean).length > 0 ? `#!lua flags=${kept.join(",")}` : "#!lua";
  return line + script.slice(match[0].length);
}

/** A script as Redis 7.0 will accept it. */
export interface RewrittenScript {
  readonly script: string;
  readonly sha: string;
}

/**
 * Remembers scripts whose shebang had to be rewritten, keyed by the SHA1 of the ORIGINAL text, so
 * that an EVALSHA carrying the client's own digest can be redirected to the rewritten script.
 */
export class ScriptRegistry {
  readonly #byOriginalSha = new Map<string, RewrittenScript>();

  /** Rewrites `script` if needed (remembering it) and returns the text to send to Redis. */
  accept(script: string): string {
    const rewritten = stripUnknownFlags(script);
    if (rewritten === null) return script;
    this.#byOriginalSha.set(scriptSha(script), { script: rewritten, sha: scriptSha(rewritten) });
    return rewritten;
  }

  /** The rewritten script registered for an original SHA, if any. */
  lookup(originalSha: string): RewrittenScript | undefined {
    return this.#byOriginalSha.get(originalSha.toLowerCase());
  }
}
