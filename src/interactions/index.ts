export { isSnowflake } from "../domain/snowflake.ts";
export { customId, parseCustomId } from "./custom-id.ts";
export { DatabaseUnavailableError, UserError } from "./errors.ts";
export { type Guard, refusal } from "./handle.ts";
export { OptionReader, type ResolvedAttachment } from "./options.ts";
export { pagerRow } from "./pager.ts";
export { CommandRegistry, type Route } from "./registry.ts";
export {
  autocompleteChoices,
  COLORS,
  clampMessage,
  defer,
  embed,
  ephemeral,
  errorBody,
  handOff,
  modal,
  reply,
  updateMessage,
} from "./responses.ts";
export type {
  AutocompleteContext,
  ChatInputContext,
  CommandModule,
  ComponentContext,
  DeferredWork,
  HandlerResult,
  ModalContext,
  Progress,
  RateLimitBucket,
} from "./types.ts";
export { defineCommand } from "./types.ts";
export { createSignatureVerifier, type SignatureVerifier } from "./verify.ts";
