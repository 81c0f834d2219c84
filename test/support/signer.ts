/** Headers Discord puts on every interaction request it sends. */
export interface SignatureHeaders {
  "x-signature-ed25519": string;
  "x-signature-timestamp": string;
}

/** Signs request bodies the way Discord does, with a key pair made for the test. */
export interface Signer {
  /** Raw Ed25519 public key, hex: what the app is configured with as `DISCORD_PUBLIC_KEY`. */
  readonly publicKeyHex: string;
  /** Signs `timestamp + body`; the timestamp defaults to now, in Unix seconds. */
  sign(body: string, timestamp?: string): Promise<SignatureHeaders>;
}

const toHex = (bytes: ArrayBuffer): string =>
  Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, "0")).join("");

function signerFor(privateKey: CryptoKey, publicKeyHex: string): Signer {
  const encoder = new TextEncoder();
  return {
    publicKeyHex,
    async sign(body, timestamp = String(Math.floor(Date.now() / 1000))) {
      const signature = await crypto.subtle.sign(
        { name: "Ed25519" },
        privateKey,
        encoder.encode(timestamp + body),
      );
      return { "x-signature-ed25519": toHex(signature), "x-signature-timestamp": timestamp };
    },
  };
}

async function generateKeyPair(): Promise<CryptoKeyPair> {
  return (await crypto.subtle.generateKey({ name: "Ed25519" }, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
}

/** Creates a signer with a fresh WebCrypto Ed25519 key pair (works on Node and in workerd). */
export async function createSigner(): Promise<Signer> {
  const keys = await generateKeyPair();
  const publicKeyHex = toHex(await crypto.subtle.exportKey("raw", keys.publicKey));
  return signerFor(keys.privateKey, publicKeyHex);
}

/**
 * A signing key pair as plain JSON, so one process can make it and another sign with it
 * (vitest `provide`/`inject` into the workers pool).
 */
export interface SignerKeys {
  /**
   * The Ed25519 private key, PKCS #8 in base64. (Not JWK: Node writes `alg: "Ed25519"`, which
   * workerd refuses, expecting `EdDSA`.)
   */
  readonly privateKeyPkcs8: string;
  readonly publicKeyHex: string;
}

/** Makes a fresh key pair for {@link signerFromKeys}. */
export async function createSignerKeys(): Promise<SignerKeys> {
  const keys = await generateKeyPair();
  return {
    privateKeyPkcs8: btoa(
      String.fromCharCode(
        ...new Uint8Array(await crypto.subtle.exportKey("pkcs8", keys.privateKey)),
      ),
    ),
    publicKeyHex: toHex(await crypto.subtle.exportKey("raw", keys.publicKey)),
  };
}

/** A signer using keys made elsewhere by {@link createSignerKeys}. */
export async function signerFromKeys(keys: SignerKeys): Promise<Signer> {
  const privateKey = await crypto.subtle.importKey(
    "pkcs8",
    Uint8Array.from(atob(keys.privateKeyPkcs8), (char) => char.charCodeAt(0)),
    { name: "Ed25519" },
    false,
    ["sign"],
  );
  return signerFor(privateKey, keys.publicKeyHex);
}

/** Options of {@link signedPost}. */
export interface SignedPostOptions {
  signer: Signer;
  /** Signature timestamp (Unix seconds, as a string); default now. */
  timestamp?: string;
  /** Extra headers, applied after the signature ones (so a test can spoil them). */
  headers?: Record<string, string>;
}

/**
 * POSTs an interaction to `url` as Discord would: JSON body (objects are serialised, strings
 * sent as-is so a test can sign exact bytes), `content-type: application/json`, signature headers.
 */
export async function signedPost(
  url: string,
  body: unknown,
  options: SignedPostOptions,
): Promise<Response> {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const signature = await options.signer.sign(text, options.timestamp);
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "user-agent": "Discord-Interactions/1.0 (+https://discord.com)",
      ...signature,
      ...options.headers,
    },
    body: text,
  });
}
