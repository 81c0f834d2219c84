import * as z from "zod/mini";
import { parseAllowlist } from "./domain/ai/provider-url.ts";
import { parseMasterKeys } from "./domain/guild-keys/master-keys.ts";

const snowflake = z
  .string()
  .check(z.regex(/^\d{17,20}$/, "must be a Discord snowflake (17–20 digits)"));
const hexKey = z.string().check(z.regex(/^[0-9a-fA-F]{64}$/, "must be 64 hex characters"));

/** The one schema every runtime checks its environment against, once, at start. */
export const configSchema = z
  .object({
    // 0 = any free port (the listening line says which).
    PORT: z._default(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(65535)), 8787),
    DISCORD_PUBLIC_KEY: z.optional(hexKey),
    DISCORD_APPLICATION_ID: z.optional(snowflake),
    DISCORD_TOKEN: z.optional(
      z.string().check(z.minLength(20, "looks too short to be a bot token")),
    ),
    DISCORD_API_BASE: z._default(z.url(), "https://discord.com/api"),
    DATABASE_URL: z.optional(
      z.string().check(z.regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")),
    ),
    UPSTASH_REDIS_REST_URL: z.optional(z.url()),
    UPSTASH_REDIS_REST_TOKEN: z.optional(z.string()),
    REDIS_URL: z.optional(
      z.string().check(z.regex(/^rediss?:\/\/[^/]/, "must be a redis:// or rediss:// URL")),
    ),
    REDIS_KEY_PREFIX: z._default(
      z.string().check(z.regex(/^[\w:.-]*$/, "may use letters, digits and : . - _")),
      "chopsticks:",
    ),
    ADMIN_API_SECRET: z.optional(
      z.string().check(z.minLength(16, "must be at least 16 characters")),
    ),
    OWNER_IDS: z.optional(
      z
        .string()
        .check(
          z.regex(/^\d{17,20}(\s*,\s*\d{17,20})*$/, "must be a comma-separated list of user ids"),
        ),
    ),
    MANAGEMENT_GUILD_ID: z.optional(snowflake),
    NEON_WS_PROXY: z.optional(z.string()),
    LOG_LEVEL: z._default(z.enum(["debug", "info", "warn", "error"]), "info"),
    AI_BASE_URL: z.optional(
      z.string().check(z.regex(/^https?:\/\/[^\s]+$/, "must be an http(s) URL")),
    ),
    AI_API_KEY: z.optional(z.string()),
    AI_MODEL: z.optional(
      z.string().check(z.regex(/^[\w.:/@+-]{1,100}$/, "must be a model name like gpt-4o-mini")),
    ),
    AI_PROVIDER_ALLOWLIST: z.optional(
      z
        .string()
        .check(
          z.refine(
            (raw) => parseAllowlist(raw).invalid.length === 0,
            "must be comma-separated origins like http://10.0.0.5:11434",
          ),
        ),
    ),
    VOICE_NODE_URL: z.optional(
      z.string().check(z.regex(/^https?:\/\/[^\s]+$/, "must be an http(s) URL")),
    ),
    VOICE_NODE_SECRET: z.optional(
      z.string().check(z.minLength(16, "must be at least 16 characters")),
    ),
    VOICE_SHARD_COUNT: z._default(
      z.coerce.number().check(z.int(), z.minimum(1), z.maximum(4096)),
      1,
    ),
    /**
     * How long a long moderation job runs in the request's waitUntil (or one scheduled run
     * works jobs) before handing over.
     */
    MODERATION_RUN_BUDGET_MS: z._default(
      z.coerce.number().check(z.int(), z.minimum(500), z.maximum(600_000)),
      20_000,
    ),
    /** A moderation job's lease: a process that died holding it frees it after this long. */
    MODERATION_LEASE_MS: z._default(
      z.coerce.number().check(z.int(), z.minimum(1000), z.maximum(600_000)),
      60_000,
    ),
    GUILD_KEYS_MASTER_KEYS: z.optional(
      z.string().check(
        z.superRefine((raw, ctx) => {
          const parsed = parseMasterKeys(raw);
          if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.problem, input: raw });
        }),
      ),
    ),
  })
  .check(
    z.superRefine((env, ctx) => {
      if (Boolean(env.UPSTASH_REDIS_REST_URL) !== Boolean(env.UPSTASH_REDIS_REST_TOKEN)) {
        ctx.addIssue({
          code: "custom",
          path: [
            env.UPSTASH_REDIS_REST_URL ? "UPSTASH_REDIS_REST_TOKEN" : "UPSTASH_REDIS_REST_URL",
          ],
          message: "must be set together with its pair",
        });
      }
      if (env.VOICE_NODE_URL && !env.VOICE_NODE_SECRET) {
        ctx.addIssue({
          code: "custom",
          path: ["VOICE_NODE_SECRET"],
          message: "is required with VOICE_NODE_URL (the voice-node's /search bearer)",
        });
      }
    }),
  );

type RawConfig = z.output<typeof configSchema>;

/** Checked configuration, with lists already split. */
export type Config = Omit<RawConfig, "OWNER_IDS"> & { OWNER_IDS: readonly string[] };

/** Thrown when the environment does not pass the schema; its message is one line. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Checks the environment once; a bad value fails with one line naming the variable. */
export function parseConfig(env: Record<string, unknown>): Config {
  // An empty variable means unset (as in `.env` files with `NAME=`).
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const result = configSchema.safeParse(present);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = issue?.path.join(".") || "environment";
    throw new ConfigError(`Invalid configuration: ${name} ${issue?.message ?? "is invalid"}`);
  }
  const { OWNER_IDS, ...rest } = result.data;
  return { ...rest, OWNER_IDS: OWNER_IDS ? OWNER_IDS.split(",").map((id) => id.trim()) : [] };
}

/**
 * Whether a Redis is configured for this runtime: Upstash REST (Workers, or Node without
 * REDIS_URL) or Redis over TCP (`REDIS_URL`, Node only).
 */
export function redisConfigured(config: Config): boolean {
  return Boolean(config.UPSTASH_REDIS_REST_URL || config.REDIS_URL);
}

/** What a production process (the self-hosted image sets NODE_ENV=production) must be given. */
export const PRODUCTION_REQUIRED = [
  "DISCORD_PUBLIC_KEY",
  "DISCORD_APPLICATION_ID",
  "DISCORD_TOKEN",
  "DATABASE_URL",
  "ADMIN_API_SECRET",
] as const;

/**
 * Refuses the playground defaults (generated key, local Discord stand-in, embedded database)
 * in production: throws a one-line {@link ConfigError} naming the first missing variable.
 */
export function requireProductionConfig(config: Config): void {
  const missing = PRODUCTION_REQUIRED.find((name) => !config[name]);
  if (missing) {
    throw new ConfigError(
      `Invalid configuration: ${missing} is required when NODE_ENV=production (set it in .env)`,
    );
  }
}
