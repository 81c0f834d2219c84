/** Discord signs `timestamp + body`; requests older or newer than this are replays. */
const REPLAY_WINDOW_SECONDS = 5 * 60;

export type VerifyFailure = "missing-signature" | "bad-signature" | "stale-timestamp";

/** Checks a request signature; built once per isolate so the key is imported once. */
export interface SignatureVerifier {
  verify(
    body: Uint8Array<ArrayBuffer>,
    signatureHex: string | null | undefined,
    timestamp: string | null | undefined,
    nowMs: number,
  ): Promise<VerifyFailure | null>;
}

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  const lower = code | 0x20;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1; // a-f, A-F
}

function hexToBytes(hex: string): Uint8Array<ArrayBuffer> | null {
  if (hex.length % 2 !== 0) return null;
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) {
    const high = hexValue(hex.charCodeAt(i * 2));
    const low = hexValue(hex.charCodeAt(i * 2 + 1));
    if (high < 0 || low < 0) return null;
    bytes[i] = (high << 4) | low;
  }
  return bytes;
}

/**
 * Ed25519 verification of Discord's `X-Signature-Ed25519` over `X-Signature-Timestamp` + raw body.
 * The public key is imported lazily, once, and reused for every request of the isolate.
 */
export function createSignatureVerifier(publicKeyHex: string): SignatureVerifier {
  const rawKey = hexToBytes(publicKeyHex);
  if (rawKey?.length !== 32) throw new Error("DISCORD_PUBLIC_KEY must be 32 bytes of hex");
  let key: Promise<CryptoKey> | undefined;
  const encoder = new TextEncoder();

  return {
    async verify(body, signatureHex, timestamp, nowMs) {
      if (!signatureHex || !timestamp) return "missing-signature";
      const signature = hexToBytes(signatureHex);
      if (signature?.length !== 64 || !/^\d{1,12}$/.test(timestamp)) {
        return "bad-signature";
      }
      key ??= crypto.subtle.importKey("raw", rawKey, { name: "Ed25519" }, false, ["verify"]);
      const stamp = encoder.encode(timestamp);
      const message = new Uint8Array(stamp.length + body.length);
      message.set(stamp);
      message.set(body, stamp.length);
      const valid = await crypto.subtle.verify({ name: "Ed25519" }, await key, signature, message);
      if (!valid) return "bad-signature";
      const skew = Math.abs(nowMs / 1000 - Number(timestamp));
      return skew > REPLAY_WINDOW_SECONDS ? "stale-timestamp" : null;
    },
  };
}
