import { z } from "zod";

const snowflake = z.string().regex(/^\d{17,20}$/, "must be a Discord snowflake (17–20 digits)");
const hexKey = z.string().regex(/^[0-9a-fA-F]{64}$/, "must be 64 hex characters");
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

/** The one schema every runtime checks its environment against, once, at start. */
export const configSchema = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65535).default(8787),
    DISCORD_PUBLIC_KEY: optional(hexKey),
    DISCORD_APPLICATION_ID: optional(snowflake),
    DISCORD_TOKEN: optional(z.string().min(20, "looks too short to be a bot token")),
    DISCORD_API_BASE: z.url().default("https://discord.com/api"),
    DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")),
    UPSTASH_REDIS_REST_URL: optional(z.url()),
    UPSTASH_REDIS_REST_TOKEN: optional(z.string().min(1)),
    REDIS_KEY_PREFIX: z
      .string()
      .regex(/^[\w:.-]*$/)
      .default("chopsticks:"),
    ADMIN_API_SECRET: optional(z.string().min(16, "must be at least 16 characters")),
    OWNER_IDS: optional(
      z
        .string()
        .regex(/^\d{17,20}(\s*,\s*\d{17,20})*$/, "must be a comma-separated list of user ids"),
    ),
    MANAGEMENT_GUILD_ID: optional(snowflake),
    NEON_WS_PROXY: optional(z.string().min(1)),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.UPSTASH_REDIS_REST_URL) !== Boolean(env.UPSTASH_REDIS_REST_TOKEN)) {
      ctx.addIssue({
        code: "custom",
        path: [env.UPSTASH_REDIS_REST_URL ? "UPSTASH_REDIS_REST_TOKEN" : "UPSTASH_REDIS_REST_URL"],
        message: "must be set together with its pair",
      });
    }
  });

type RawConfig = z.output<typeof configSchema>;

/** Checked configuration, with lists already split. */
export type Config = Omit<RawConfig, "OWNER_IDS"> & { OWNER_IDS: readonly string[] };

/** Thrown when the environment does not pass the schema; its message is one line. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Checks the environment once; a bad value fails with one line naming the variable. */
export function parseConfig(env: Record<string, unknown>): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = issue?.path.join(".") || "environment";
    throw new ConfigError(`Invalid configuration: ${name} ${issue?.message ?? "is invalid"}`);
  }
  const { OWNER_IDS, ...rest } = result.data;
  return { ...rest, OWNER_IDS: OWNER_IDS ? OWNER_IDS.split(",").map((id) => id.trim()) : [] };
}
