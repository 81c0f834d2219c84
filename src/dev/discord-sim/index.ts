/**
 * A simulated Discord REST API v10: one state model and one set of routes, shared by the
 * playground's local stand-in (`npm start` without DISCORD_TOKEN; src/dev/local-discord.ts)
 * and the tests' fake Discord (test/support/fake-discord.ts, which adds test-only controls:
 * injected 429s and failures, a call log, a pinned clock). It enforces what Discord
 * enforces: auth, documented limits (message, embed, command and bulk-ban caps), the bot's
 * permissions and role hierarchy, Discord's rate limits (the global 50 requests/s per bot,
 * per-route buckets with their real sizes in `ROUTE_LIMITS`, `X-RateLimit-*` headers, 429s
 * with `Retry-After` for clients that ignore them) and the invalid-request ledger (401/403/429,
 * banned at 10,000 in ten minutes). It also serves attachments as the CDN (`addAttachment`).
 *
 * How a feature plugs in (music, economy, AI…):
 *
 * - **Routes.** Add `routes/<area>.ts` exporting `RouteDef[]` (method, pattern after
 *   `/api/v10` with `:params`, `auth: "bot" | "webhook" | "callback"`, and
 *   `handle(request, context)` returning `json(body)` / `noContent()` or throwing a
 *   `DiscordHttpError` such as `unknown("member")` or `missingPermissions()`), then add one
 *   line to `SIM_ROUTES` in `routes/index.ts`. Use `guildOf`/`channelOf`/`memberOf` to read
 *   params, `requireGuildPermissions`/`requireChannelPermissions`/`botCanManageRole` for
 *   Discord's permission rules, and the `*Json` builders for response objects.
 * - **State.** Guilds, channels, members, roles, bans, voice states, users, messages and
 *   interaction responses live in {@link SimState}. State of your own goes in
 *   `context.state.feature("<feature>", () => initial)`: JSON-serialisable, persisted with
 *   the playground, no new field needed.
 * - **Seed data.** Add `seed/<feature>.ts` exporting a `PlaygroundSeed` (`{ name, apply(state,
 *   ids) }`; `ids` are the fixed ids in `seed/ids.ts`) and append it to `PLAYGROUND_SEEDS` in
 *   `seed/index.ts`. Seeds run once per playground by name, so a seed added later reaches
 *   existing playgrounds on their next start. Use `state.addChannel`, `state.setVoiceState`,
 *   `state.users.set`, `guild.members.set` and `guild.roles.push`.
 * - **Tests** get your routes for free: the fake Discord serves `SIM_ROUTES` too.
 */

export { type AttachmentJson, addAttachment } from "./attachments.ts";
export {
  type AuditLogEntry,
  type AuditLogSeed,
  addAuditLogEntry,
  auditLogEntries,
} from "./audit-log.ts";
export {
  BITS,
  botCanManageRole,
  botOutranks,
  channelPermissionsOf,
  guildPermissionsOf,
  rankOf,
  requireChannelPermissions,
  requireGuildPermissions,
} from "./authority.ts";
export {
  alreadyAcknowledged,
  BULK_BAN_FAILED_STATUS,
  DiscordHttpError,
  type FieldError,
  FormErrors,
  missingAccess,
  missingPermissions,
  notAuthor,
  unknown,
} from "./errors.ts";
export { GlobalLimit } from "./global-limit.ts";
export { INVALID_REQUEST_BAN, InvalidRequests } from "./invalid-requests.ts";
export { channelOf, guildOf, memberOf } from "./lookups.ts";
export { validateMessage } from "./message-limits.ts";
export {
  botUserJson,
  channelJson,
  guildJson,
  memberJson,
  messageJson,
  roleJson,
  type SimIdentity,
  userJson,
  voiceStateJson,
} from "./objects.ts";
export {
  type BucketRule,
  bucketHash,
  type RateLimitedReply,
  RateLimits,
  ROUTE_LIMITS,
  rateLimitedReply,
} from "./rate-limits.ts";
export {
  json,
  noContent,
  type RouteAuth,
  type RouteContext,
  type RouteDef,
  type RouteRequest,
  type RouteResult,
  type UploadedFile,
} from "./router.ts";
export { BULK_BAN_MAX_USERS } from "./routes/bans.ts";
export { SIM_ROUTES } from "./routes/index.ts";
export { acknowledge, INTERACTION_TOKEN_TTL_MS } from "./routes/interactions.ts";
export { gatewayUrl, setGatewayUrl } from "./routes/users.ts";
export {
  applySeeds,
  PLAYGROUND,
  PLAYGROUND_SEEDS,
  type PlaygroundIds,
  type PlaygroundSeed,
} from "./seed/index.ts";
export {
  createSimulator,
  type RecordedCall,
  type SimHooks,
  type Simulator,
  type SimulatorOptions,
} from "./simulator.ts";
export { restoreSnapshot, type SimSnapshot, toSnapshot } from "./snapshot.ts";
export {
  type BanRecord,
  type ChannelRecord,
  type GuildRecord,
  type InteractionRecord,
  type JsonObject,
  type SeedChannel,
  type SeedGuild,
  type SeedOverwrite,
  type SeedRole,
  SimState,
  type StoredOverwrite,
  type UserProfile,
  type VoiceStateRecord,
} from "./state.ts";
