/**
 * Shared test infrastructure: real-protocol stand-ins for Discord, Upstash REST and the Neon
 * WebSocket proxy, request signing, interaction payloads, and the real-service checks.
 *
 * Node only (it pulls in node:http, pg, ioredis, ws). Tests running inside the workers pool
 * should import `./interactions.ts`, `./signer.ts` or `./snowflake.ts` directly: those three
 * use only web APIs.
 */

export { EventLog, type WaitForOptions } from "./event-log.ts";
export {
  type AiRequestRecord,
  type AiScript,
  countTokens,
  type FakeAiOptions,
  type FakeAiProvider,
  startFakeAiProvider,
} from "./fake-ai-provider.ts";
export {
  BULK_BAN_FAILED_STATUS,
  type FailureOptions,
  type FakeDiscord,
  type FakeDiscordOptions,
  INTERACTION_TOKEN_TTL_MS,
  type JsonObject,
  type RateLimitOptions,
  type RecordedCall,
  type SeedChannel,
  type SeedGuild,
  type SeedOverwrite,
  type SeedRole,
  type StoredOverwrite,
  startFakeDiscord,
} from "./fake-discord.ts";
export {
  type HarnessControl,
  type HarnessControlOptions,
  startHarnessControl,
} from "./harness-control.ts";
export {
  DEFAULT_APP_PERMISSIONS,
  DEFAULT_IDS,
  DEFAULT_MEMBER_PERMISSIONS,
  type InteractionOptions,
  memberObject,
  messageObject,
  randomInteractionToken,
  userObject,
} from "./interaction-fixtures.ts";
export {
  autocomplete,
  type ComponentPressOptions,
  componentPress,
  type FocusedOption,
  type ModalSubmitOptions,
  messageCommand,
  modalSubmit,
  type OptionInput,
  type OptionsInput,
  ping,
  type SlashCommandOptions,
  slashCommand,
  userCommand,
} from "./interactions.ts";
export {
  configureNeonForProxy,
  type NeonProxy,
  type NeonProxyOptions,
  startNeonProxy,
} from "./neon-proxy.ts";
export { createRedisClient, defaultRedisUrl, type RedisClient } from "./redis-client.ts";
export { deleteKeysWithPrefix } from "./redis-keys.ts";
export {
  createTestDatabase,
  defaultDatabaseUrl,
  dropStaleTestDatabases,
  requireServices,
  type ServiceUrls,
  START_POSTGRES,
  START_REDIS,
  START_WITH_COMPOSE,
  type TestDatabase,
} from "./services.ts";
export {
  createSigner,
  createSignerKeys,
  type SignatureHeaders,
  type SignedPostOptions,
  type Signer,
  type SignerKeys,
  signedPost,
  signerFromKeys,
} from "./signer.ts";
export { snowflake, snowflakeTime } from "./snowflake.ts";
export { startTcpProxy, type TcpProxy } from "./tcp-proxy.ts";
export {
  startUpstashBridge,
  type UpstashBridge,
  type UpstashBridgeOptions,
  type UpstashRequest,
} from "./upstash-bridge.ts";
