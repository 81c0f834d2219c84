import type { DiscordApi, LimitRule, Logger, RateLimiter } from "../../ports/index.ts";

/**
 * The share of Discord's global limit (50 requests/s per bot, across every process) that long
 * moderation jobs may spend together: the rest is left to commands, music and edits.
 */
export const JOB_GLOBAL_BUDGET: LimitRule = { limit: 40, windowSeconds: 1 };
/** Longest wait for a slot before the call goes anyway (the REST client still honours 429s). */
const MAX_WAIT_MS = 15_000;
const MIN_PAUSE_MS = 10;
const MAX_PAUSE_MS = 250;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for a slot of the shared budget (a sliding window in Redis; memory if Redis is down). */
async function acquire(
  limiter: RateLimiter,
  key: string,
  rule: LimitRule,
  now: () => number,
  log: Logger,
): Promise<void> {
  const started = now();
  for (;;) {
    const decision = await limiter.limit(key, rule);
    if (decision.allowed) return;
    if (now() - started > MAX_WAIT_MS) {
      log.warn("moderation.budget_wait_exceeded", { waited_ms: now() - started });
      return;
    }
    const wait = Math.min(MAX_PAUSE_MS, Math.max(MIN_PAUSE_MS, decision.resetAt - now()));
    await pause(wait);
  }
}

function budgeted<T extends object>(area: T, take: () => Promise<void>): T {
  return new Proxy(area, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        await take();
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

/**
 * Discord REST whose bot-token calls (guilds, channels) first take a slot of the bot's
 * global budget, shared through Redis by every process running jobs (Worker isolates, the
 * voice-node, the cron). Interaction webhooks are exempt from Discord's global limit and
 * pass straight through.
 */
export function withGlobalBudget(
  discord: DiscordApi,
  options: {
    limiter: RateLimiter;
    applicationId: string;
    now: () => number;
    log: Logger;
    rule?: LimitRule;
  },
): DiscordApi {
  const key = `discord-global:${options.applicationId}`;
  const rule = options.rule ?? JOB_GLOBAL_BUDGET;
  const take = () => acquire(options.limiter, key, rule, options.now, options.log);
  return {
    // A wait for the shared budget is pacing, not a sign of trouble: lanes adapt to Discord's
    // own holds (buckets spent per their headers, 429s) only.
    pressure: discord.pressure,
    interactions: discord.interactions,
    guilds: budgeted(discord.guilds, take),
    channels: budgeted(discord.channels, take),
    // CDN reads are not API calls: Discord's global limit does not count them.
    attachments: discord.attachments,
  };
}
