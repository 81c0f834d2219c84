import { fromBase64 } from "./base64.ts";

/** One master key as configured: its version and its 32 raw bytes. */
export interface MasterKeySpec {
  version: string;
  bytes: Uint8Array<ArrayBuffer>;
}

const VERSION = /^v\d{1,6}$/;

/**
 * Parses GUILD_KEYS_MASTER_KEYS: `v2:<base64 of 32 bytes>,v1:<…>`, the first entry current.
 * Returns the keys, or why the value is wrong (never quoting key material).
 */
export function parseMasterKeys(
  raw: string,
): { ok: true; keys: MasterKeySpec[] } | { ok: false; problem: string } {
  const keys: MasterKeySpec[] = [];
  const entries = raw.split(",").map((e) => e.trim());
  for (const [index, entry] of entries.entries()) {
    const colon = entry.indexOf(":");
    const version = colon > 0 ? entry.slice(0, colon) : "";
    if (!VERSION.test(version)) {
      return {
        ok: false,
        problem: `entry ${index + 1} must look like v<number>:<base64 of 32 bytes>`,
      };
    }
    const bytes = fromBase64(entry.slice(colon + 1));
    if (bytes?.length !== 32) {
      return { ok: false, problem: `key ${version} must be 32 bytes of base64 (44 characters)` };
    }
    if (keys.some((k) => k.version === version)) {
      return { ok: false, problem: `version ${version} appears twice` };
    }
    keys.push({ version, bytes });
  }
  return { ok: true, keys };
}
