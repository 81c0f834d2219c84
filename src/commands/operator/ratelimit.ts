import {
  type APIApplicationCommandOptionChoice,
  InteractionContextType,
  ApplicationCommandOptionType as O,
} from "discord-api-types/v10";
import { BUCKETS, isBucket, OVERRIDE_BOUNDS, RATE_LIMITS } from "../../constants/rate-limits.ts";
import { clearOverrides, loadGuildControls, setOverride } from "../../data/guild-controls.ts";
import { dropAllCachedControls, refreshCachedControls } from "../../data/guild-controls-cache.ts";
import { parseDuration } from "../../domain/duration.ts";
import { activeBlock, effectiveGuildLimit } from "../../domain/guild-controls.ts";
import { COLORS, defineCommand, embed, ephemeral, UserError } from "../../interactions/index.ts";
import type { ChatInputContext, RateLimitBucket } from "../../interactions/types.ts";
import { guildIdOption, GUILD_ID_OPTION as guildOption, requireOperator, until } from "./access.ts";

const bucketChoices: APIApplicationCommandOptionChoice<string>[] = BUCKETS.map((b) => ({
  name: b,
  value: b,
}));
const bucketOption = (required: boolean) =>
  ({
    type: O.String,
    name: "bucket",
    description: "Rate-limit bucket",
    required,
    choices: bucketChoices,
  }) as const;
const reasonOption = {
  type: O.String,
  name: "reason",
  description: "Why (kept in the audit log)",
  max_length: 300,
} as const;

function bucketOptionValue(ctx: ChatInputContext, required: boolean): RateLimitBucket | undefined {
  const value = required
    ? ctx.options.require("bucket", "string")
    : ctx.options.get("bucket", "string");
  if (value === undefined) return undefined;
  if (!isBucket(value))
    throw new UserError(
      `Unknown bucket \`${value.slice(0, 40)}\`. Buckets: ${BUCKETS.join(", ")}.`,
    );
  return value;
}

function boundedInteger(
  ctx: ChatInputContext,
  name: string,
  bounds: { min: number; max: number },
  what: string,
): number {
  const value = ctx.options.require(name, "integer");
  if (value < bounds.min || value > bounds.max) {
    throw new UserError(
      `\`${name}\` must be between ${bounds.min} and ${bounds.max} ${what}; got ${value}.`,
    );
  }
  return value;
}

function fmtRule(rule: { limit: number; windowSeconds: number }): string {
  return `${rule.limit} per ${rule.windowSeconds} s`;
}

async function override(ctx: ChatInputContext) {
  requireOperator(ctx);
  const bucket = bucketOptionValue(ctx, true) as RateLimitBucket;
  const guildId = guildIdOption(ctx);
  const limit = boundedInteger(ctx, "limit", OVERRIDE_BOUNDS.limit, "requests");
  const windowSeconds = boundedInteger(
    ctx,
    "window_seconds",
    OVERRIDE_BOUNDS.windowSeconds,
    "seconds",
  );
  const durationText = ctx.options.get("duration", "string");
  let expiresAt: number | null = null;
  if (durationText !== undefined) {
    const duration = parseDuration(durationText);
    if (!duration)
      throw new UserError(
        `\`${durationText.slice(0, 40)}\` is not a duration. Try \`30m\`, \`1h\`, \`2d\` or \`permanent\`.`,
      );
    if (duration !== "permanent") {
      if (duration.seconds > OVERRIDE_BOUNDS.maxDurationSeconds)
        throw new UserError("An override can last at most 30 days.");
      expiresAt = ctx.deps.clock.now() + duration.seconds * 1000;
    }
  }
  const reason = ctx.options.get("reason", "string") ?? null;
  await setOverride(
    ctx.deps.db,
    { id: ctx.user.id, reason },
    {
      guildId,
      bucket,
      limit,
      windowSeconds,
      expiresAt: expiresAt === null ? null : new Date(expiresAt),
    },
  );
  await refreshCachedControls(ctx.deps, [guildId]);
  return ephemeral({
    embeds: [
      embed(
        "Override set",
        `**${bucket}** in \`${guildId}\`: ${fmtRule({ limit, windowSeconds })} for the whole server, from the next interaction.`,
        COLORS.success,
        {
          fields: [
            { name: "Expires", value: until(expiresAt) },
            { name: "Default", value: fmtRule(RATE_LIMITS[bucket].guild), inline: true },
          ],
        },
      ),
    ],
  });
}

type ResetScope = { guildId?: string; bucket?: RateLimitBucket };

async function resetScope(ctx: ChatInputContext, readScope: () => ResetScope) {
  requireOperator(ctx);
  const scope = readScope();
  const reason = ctx.options.get("reason", "string") ?? null;
  const touched = await clearOverrides(ctx.deps.db, { id: ctx.user.id, reason }, scope);
  if (!scope.guildId && !scope.bucket) {
    await dropAllCachedControls(ctx.deps);
    await ctx.deps.limiter.reset("");
  } else {
    await refreshCachedControls(ctx.deps, scope.guildId ? [scope.guildId] : touched);
    const buckets = scope.bucket ? [scope.bucket] : BUCKETS;
    for (const b of buckets)
      await ctx.deps.limiter.reset(scope.guildId ? `${b}:g:${scope.guildId}` : `${b}:`);
  }
  const what = scope.guildId
    ? `server \`${scope.guildId}\`${scope.bucket ? `, bucket **${scope.bucket}**` : ""}`
    : scope.bucket
      ? `bucket **${scope.bucket}**`
      : "every server and bucket";
  return ephemeral({
    embeds: [
      embed(
        "Rate limits reset",
        `Removed ${touched.length === 0 ? "no" : touched.length} override${touched.length === 1 ? "" : "s"} and cleared used tokens for ${what}. Defaults apply from the next interaction.`,
        COLORS.success,
      ),
    ],
  });
}

async function show(ctx: ChatInputContext) {
  requireOperator(ctx);
  const guildId = guildIdOption(ctx);
  const now = ctx.deps.clock.now();
  const controls = await loadGuildControls(ctx.deps.db, guildId);
  const fields = BUCKETS.map((bucket) => {
    const { rule, source } = effectiveGuildLimit(controls, bucket, now);
    const from =
      source.kind === "override" ? `override, expires ${until(source.expiresAt)}` : "default";
    return {
      name: bucket,
      value: `user: ${fmtRule(RATE_LIMITS[bucket].user)} (default)\nserver: ${fmtRule(rule)} (${from})`,
    };
  });
  const block = activeBlock(controls, now);
  const status = block
    ? `⛔ Blocked: ${block.reason} — until ${until(block.expiresAt)}`
    : "Not blocked.";
  return ephemeral({
    embeds: [embed(`Effective limits for ${guildId}`, status, COLORS.info, { fields })],
  });
}

/** `/ratelimit`: live rate-limit overrides for operators (management guild only). */
export const ratelimit = defineCommand({
  name: "ratelimit",
  bucket: "default",
  scope: "management",
  definitions: [
    {
      name: "ratelimit",
      description: "Operators: inspect, override and reset rate limits",
      contexts: [InteractionContextType.Guild],
      options: [
        {
          type: O.Subcommand,
          name: "override",
          description: "Set a server's limit for one bucket, live",
          options: [
            bucketOption(true),
            guildOption,
            {
              type: O.Integer,
              name: "limit",
              description: "Requests allowed per window",
              required: true,
              min_value: OVERRIDE_BOUNDS.limit.min,
              max_value: OVERRIDE_BOUNDS.limit.max,
            },
            {
              type: O.Integer,
              name: "window_seconds",
              description: "Window length in seconds",
              required: true,
              min_value: OVERRIDE_BOUNDS.windowSeconds.min,
              max_value: OVERRIDE_BOUNDS.windowSeconds.max,
            },
            {
              type: O.String,
              name: "duration",
              description: "How long, e.g. 30m, 1h, 2d (default: until reset)",
              max_length: 20,
            },
            reasonOption,
          ],
        },
        {
          type: O.SubcommandGroup,
          name: "reset",
          description: "Clear overrides and used tokens",
          options: [
            {
              type: O.Subcommand,
              name: "all",
              description: "Every server and bucket",
              options: [reasonOption],
            },
            {
              type: O.Subcommand,
              name: "bucket",
              description: "One bucket in every server",
              options: [bucketOption(true), reasonOption],
            },
            {
              type: O.Subcommand,
              name: "guild",
              description: "One server",
              options: [guildOption, bucketOption(false), reasonOption],
            },
          ],
        },
        {
          type: O.Subcommand,
          name: "show",
          description: "Effective limits of a server and where they come from",
          options: [guildOption],
        },
      ],
    },
  ],
  subcommands: {
    override,
    "reset all": (ctx) => resetScope(ctx, () => ({})),
    "reset bucket": (ctx) => resetScope(ctx, () => ({ bucket: bucketOptionValue(ctx, true) })),
    "reset guild": (ctx) =>
      resetScope(ctx, () => ({
        guildId: guildIdOption(ctx),
        bucket: bucketOptionValue(ctx, false),
      })),
    show,
  },
});
