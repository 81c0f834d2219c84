import { fromBase64, toBase64 } from "./base64.ts";
import type { MasterKeySpec } from "./master-keys.ts";

/** Why a key or secret could not be opened. Its message never contains key material. */
export class GuildKeyError extends Error {
  override name = "GuildKeyError";
  constructor(
    readonly kind: "unknown_version" | "malformed" | "failed",
    message: string,
  ) {
    super(message);
  }
}

/** A master key ready for wrapping. */
export interface MasterKey {
  version: string;
  key: CryptoKey;
}

/** The configured master keys; the first is current and wraps every new or rotated data key. */
export class MasterKeyring {
  private readonly byVersion: Map<string, MasterKey>;

  private constructor(readonly keys: readonly MasterKey[]) {
    this.byVersion = new Map(keys.map((k) => [k.version, k]));
  }

  /** Imports the raw keys with WebCrypto (non-extractable, wrap and unwrap only). */
  static async import(specs: readonly MasterKeySpec[]): Promise<MasterKeyring> {
    if (specs.length === 0) throw new Error("at least one master key is needed");
    const keys = await Promise.all(
      specs.map(async (spec) => ({
        version: spec.version,
        key: await crypto.subtle.importKey("raw", spec.bytes, "AES-GCM", false, [
          "wrapKey",
          "unwrapKey",
        ]),
      })),
    );
    return new MasterKeyring(keys);
  }

  get current(): MasterKey {
    return this.keys[0] as MasterKey;
  }

  get versions(): string[] {
    return this.keys.map((k) => k.version);
  }

  get(version: string): MasterKey | undefined {
    return this.byVersion.get(version);
  }
}

const IV_BYTES = 12;
const encoder = new TextEncoder();

/** Binds a wrapped data key to its guild and generation. */
function dataKeyAad(guildId: string, generation: number): Uint8Array<ArrayBuffer> {
  return encoder.encode(`chopsticks/guild-data-key/v1|guild=${guildId}|generation=${generation}`);
}

/** Binds a secret to its guild, field and the generation of the data key that sealed it. */
function secretAad(guildId: string, field: string, generation: number): Uint8Array<ArrayBuffer> {
  return encoder.encode(
    `chopsticks/guild-secret/v1|guild=${guildId}|field=${field}|generation=${generation}`,
  );
}

function pack(iv: Uint8Array, sealed: ArrayBuffer): string {
  const out = new Uint8Array(iv.length + sealed.byteLength);
  out.set(iv);
  out.set(new Uint8Array(sealed), iv.length);
  return toBase64(out);
}

function unpack(text: string): { iv: Uint8Array<ArrayBuffer>; sealed: Uint8Array<ArrayBuffer> } {
  const bytes = fromBase64(text);
  if (!bytes || bytes.length <= IV_BYTES + 16) {
    throw new GuildKeyError("malformed", "ciphertext is not well-formed");
  }
  return { iv: bytes.slice(0, IV_BYTES), sealed: bytes.slice(IV_BYTES) };
}

const randomIv = () => crypto.getRandomValues(new Uint8Array(IV_BYTES));

/** A fresh AES-256-GCM data key. Extractable only so it can be wrapped. */
export function generateDataKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, true, [
    "encrypt",
    "decrypt",
  ]) as Promise<CryptoKey>;
}

/** Wraps a data key with a master key: `<master version>:<base64(iv | ciphertext | tag)>`. */
export async function wrapDataKey(
  master: MasterKey,
  dataKey: CryptoKey,
  guildId: string,
  generation: number,
): Promise<string> {
  const iv = randomIv();
  const sealed = await crypto.subtle.wrapKey("raw", dataKey, master.key, {
    name: "AES-GCM",
    iv,
    additionalData: dataKeyAad(guildId, generation),
  });
  return `${master.version}:${pack(iv, sealed)}`;
}

/** The master version a wrapped data key names. */
export function wrappedVersion(wrapped: string): string {
  return wrapped.slice(0, Math.max(0, wrapped.indexOf(":")));
}

/**
 * Unwraps a data key. Fails with `unknown_version` when its master key is not configured,
 * and `failed` when it was tampered with or belongs to another guild or generation.
 * `extractable` is only for rotation, which must wrap it again.
 */
export async function unwrapDataKey(
  ring: MasterKeyring,
  wrapped: string,
  guildId: string,
  generation: number,
  extractable = false,
): Promise<CryptoKey> {
  const version = wrappedVersion(wrapped);
  const master = ring.get(version);
  if (!master) {
    throw new GuildKeyError(
      "unknown_version",
      `data key is wrapped by master key ${version || "(none)"}, which is not in GUILD_KEYS_MASTER_KEYS`,
    );
  }
  const { iv, sealed } = unpack(wrapped.slice(version.length + 1));
  try {
    return await crypto.subtle.unwrapKey(
      "raw",
      sealed,
      master.key,
      { name: "AES-GCM", iv, additionalData: dataKeyAad(guildId, generation) },
      { name: "AES-GCM", length: 256 },
      extractable,
      ["encrypt", "decrypt"],
    );
  } catch {
    throw new GuildKeyError("failed", "data key failed to unwrap (tampered, or not this guild's)");
  }
}

/** Encrypts a secret: `g<generation>:<base64(iv | ciphertext | tag)>`. */
export async function sealSecret(
  dataKey: CryptoKey,
  plaintext: string,
  guildId: string,
  field: string,
  generation: number,
): Promise<string> {
  const iv = randomIv();
  const sealed = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: secretAad(guildId, field, generation) },
    dataKey,
    encoder.encode(plaintext),
  );
  return `g${generation}:${pack(iv, sealed)}`;
}

/** The data-key generation a sealed secret names, or null when it names none. */
export function sealedGeneration(ciphertext: string): number | null {
  const match = /^g(\d+):/.exec(ciphertext);
  return match ? Number(match[1]) : null;
}

/**
 * Decrypts a secret sealed by {@link sealSecret}. Fails when it was altered, or copied from
 * another guild, field or data-key generation.
 */
export async function openSecret(
  dataKey: CryptoKey,
  ciphertext: string,
  guildId: string,
  field: string,
  generation: number,
): Promise<string> {
  if (sealedGeneration(ciphertext) !== generation) {
    throw new GuildKeyError(
      "unknown_version",
      `secret was sealed under data key generation ${sealedGeneration(ciphertext) ?? "(none)"}, the guild has ${generation}`,
    );
  }
  const { iv, sealed } = unpack(ciphertext.slice(ciphertext.indexOf(":") + 1));
  try {
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv, additionalData: secretAad(guildId, field, generation) },
      dataKey,
      sealed,
    );
    return new TextDecoder().decode(plain);
  } catch {
    throw new GuildKeyError("failed", "secret failed to decrypt (tampered, or not this guild's)");
  }
}
