import { expect, it } from "vitest";
import {
  generateDataKey,
  MasterKeyring,
  openSecret,
  parseMasterKeys,
  sealSecret,
  unwrapDataKey,
  wrapDataKey,
} from "../../src/domain/guild-keys/index.ts";

const key = () => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));

it("envelope encryption runs on WebCrypto inside workerd", async () => {
  const parsed = parseMasterKeys(`v2:${key()},v1:${key()}`);
  if (!parsed.ok) throw new Error(parsed.problem);
  const ring = await MasterKeyring.import(parsed.keys);
  const dataKey = await generateDataKey();
  const wrapped = await wrapDataKey(ring.current, dataKey, "123456789012345678", 1);
  expect(wrapped.startsWith("v2:")).toBe(true);
  const unwrapped = await unwrapDataKey(ring, wrapped, "123456789012345678", 1);
  const sealed = await sealSecret(unwrapped, "sk-secret", "123456789012345678", "ai.api_key", 1);
  expect(await openSecret(dataKey, sealed, "123456789012345678", "ai.api_key", 1)).toBe(
    "sk-secret",
  );
  await expect(openSecret(dataKey, sealed, "876543210987654321", "ai.api_key", 1)).rejects.toThrow(
    /failed to decrypt/,
  );
});
