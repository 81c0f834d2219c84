export { fromBase64, toBase64 } from "./base64.ts";
export {
  GuildKeyError,
  generateDataKey,
  type MasterKey,
  MasterKeyring,
  openSecret,
  sealedGeneration,
  sealSecret,
  unwrapDataKey,
  wrapDataKey,
  wrappedVersion,
} from "./envelope.ts";
export { type MasterKeySpec, parseMasterKeys } from "./master-keys.ts";
