import * as z from "zod/mini";
import type { LavalinkNodeConfig } from "../../src/adapters/lavalink/lavalink-audio.ts";
import { parseShardSpec, type ShardSpec } from "../../src/domain/music/shards.ts";

const snowflake = z
  .string()
  .check(z.regex(/^\d{17,20}$/, "must be a Discord snowflake (17–20 digits)"));
const secret = z.string().check(z.minLength(16, "must be at least 16 characters"));

/** Parses `http(s)://<name>:<password>@host:port` entries; throws a message naming the problem. */
export function parseLavalinkNodes(value: string): LavalinkNodeConfig[] {
  const nodes = value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      let url: URL;
      try {
        url = new URL(entry);
      } catch {
        throw new Error("must be comma-separated http(s)://<name>:<password>@host:port URLs");
      }
      if (!/^https?:$/.test(url.protocol) || !url.username || !url.password || !url.port) {
        throw new Error("each node needs http(s)://<name>:<password>@host:port");
      }
      return {
        name: decodeURIComponent(url.username),
        password: decodeURIComponent(url.password),
        host: url.hostname,
        port: Number(url.port),
        secure: url.protocol === "https:",
      };
    });
  if (nodes.length === 0) throw new Error("needs at least one node");
  if (new Set(nodes.map((n) => n.name)).size !== nodes.length)
    throw new Error("node names must differ");
  return nodes;
}

/** The voice-node's environment: one schema, checked once at start. */
export const voiceNodeConfigSchema = z
  .object({
    DATABASE_URL: z.string().check(z.regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")),
    DISCORD_TOKEN: z.string().check(z.minLength(20, "looks too short to be a bot token")),
    DISCORD_APPLICATION_ID: snowflake,
    DISCORD_API_BASE: z._default(z.url(), "https://discord.com/api"),
    LAVALINK_NODES: z.string(),
    UPSTASH_REDIS_REST_URL: z.optional(z.url()),
    UPSTASH_REDIS_REST_TOKEN: z.optional(z.string()),
    VOICE_NODE_PORT: z._default(
      z.coerce.number().check(z.int(), z.minimum(0), z.maximum(65535)),
      8788,
    ),
    VOICE_NODE_SECRET: z.optional(secret),
    VOICE_NODE_ID: z._default(
      z.string().check(z.regex(/^[\w.-]{1,64}$/, "may use letters, digits and . - _")),
      "voice-node",
    ),
    MUSIC_DEFAULT_SEARCH: z._default(
      z
        .string()
        .check(z.regex(/^[a-z]+search$/, "must be a search prefix such as ytsearch or scsearch")),
      "ytsearch",
    ),
    /** `0,1/4`: the gateway shards held (and whose guilds' jobs run here), of how many. */
    VOICE_NODE_SHARDS: z.optional(z.string()),
    ADMIN_API_SECRET: z.optional(secret),
    LOG_LEVEL: z._default(z.enum(["debug", "info", "warn", "error"]), "info"),
  })
  .check(
    z.superRefine((env, ctx) => {
      if (/-pooler\./.test(env.DATABASE_URL)) {
        ctx.addIssue({
          code: "custom",
          path: ["DATABASE_URL"],
          message:
            "must be a direct connection, not Neon's -pooler one (LISTEN/NOTIFY needs a session)",
        });
      }
      try {
        parseLavalinkNodes(env.LAVALINK_NODES);
      } catch (error) {
        ctx.addIssue({
          code: "custom",
          path: ["LAVALINK_NODES"],
          message: (error as Error).message,
        });
      }
      if (env.VOICE_NODE_SHARDS !== undefined) {
        try {
          parseShardSpec(env.VOICE_NODE_SHARDS);
        } catch (error) {
          ctx.addIssue({
            code: "custom",
            path: ["VOICE_NODE_SHARDS"],
            message: (error as Error).message,
          });
        }
      }
      if (Boolean(env.UPSTASH_REDIS_REST_URL) !== Boolean(env.UPSTASH_REDIS_REST_TOKEN)) {
        ctx.addIssue({
          code: "custom",
          path: [
            env.UPSTASH_REDIS_REST_URL ? "UPSTASH_REDIS_REST_TOKEN" : "UPSTASH_REDIS_REST_URL",
          ],
          message: "must be set together with its pair",
        });
      }
    }),
  );

/** Checked voice-node configuration, nodes and shards parsed. */
export type VoiceNodeConfig = z.output<typeof voiceNodeConfigSchema> & {
  lavalinkNodes: LavalinkNodeConfig[];
  /**
   * The shards this process holds; null when VOICE_NODE_SHARDS is unset: every gateway shard
   * Discord recommends, and every guild's jobs (shard count 1).
   */
  shards: ShardSpec | null;
};

/** Thrown when the environment does not pass; its message is one line naming the variable. */
export class VoiceNodeConfigError extends Error {
  override name = "VoiceNodeConfigError";
}

/** Checks the environment once; a bad value fails with one line naming the variable. */
export function parseVoiceNodeConfig(env: Record<string, unknown>): VoiceNodeConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const result = voiceNodeConfigSchema.safeParse(present);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = issue?.path.join(".") || "environment";
    const message =
      issue?.code === "invalid_type" && issue.input === undefined ? "is required" : issue?.message;
    throw new VoiceNodeConfigError(`Invalid configuration: ${name} ${message ?? "is invalid"}`);
  }
  return {
    ...result.data,
    lavalinkNodes: parseLavalinkNodes(result.data.LAVALINK_NODES),
    shards:
      result.data.VOICE_NODE_SHARDS === undefined
        ? null
        : parseShardSpec(result.data.VOICE_NODE_SHARDS),
  };
}
