import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The development key pair `npm start` uses when DISCORD_PUBLIC_KEY is unset. */
export interface DevKeys {
  publicKeyHex: string;
  /** PKCS#8, base64; `npm run interact` signs with it. */
  privateKeyPkcs8: string;
}

const FILE = "dev-keys.json";

/** Reads the dev key pair from `dataDir`, generating it on first use. */
export async function ensureDevKeys(dataDir: string): Promise<DevKeys & { created: boolean }> {
  const path = join(dataDir, FILE);
  if (existsSync(path))
    return { ...(JSON.parse(readFileSync(path, "utf8")) as DevKeys), created: false };
  const pair = (await crypto.subtle.generateKey({ name: "Ed25519" }, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  const publicRaw = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
  const privatePkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey));
  const keys: DevKeys = {
    publicKeyHex: Buffer.from(publicRaw).toString("hex"),
    privateKeyPkcs8: Buffer.from(privatePkcs8).toString("base64"),
  };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  return { ...keys, created: true };
}

/** Reads the dev key pair without creating it; null when `npm start` has not made one yet. */
export function readDevKeys(dataDir: string): DevKeys | null {
  const path = join(dataDir, FILE);
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as DevKeys) : null;
}
