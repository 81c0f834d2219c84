export { lazyKeyring } from "./keyring.ts";
export {
  type RotationEvent,
  type RotationOptions,
  type RotationSummary,
  rotateGuildKeys,
} from "./rotate.ts";
export { openGuildSecret, removeGuildSecret, sealGuildSecret } from "./secrets.ts";
export { type VerifyFailure, type VerifyReport, verifyGuildKeys } from "./verify.ts";
