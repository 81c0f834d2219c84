import type { APIInteraction } from "discord-api-types/v10";
import { settleDueInGuild } from "../../economy/settle-due.ts";
import type { CommandModule } from "../../interactions/index.ts";
import type { BaseContext, Handler } from "../../interactions/types.ts";

const MEMO_CAP = 10_000;

/**
 * When each guild's due work was last looked at, in this isolate: economy interactions
 * settle it lazily at most once per `everyMs`, so a busy guild costs a few queries a minute.
 */
export class GuildThrottle {
  private readonly last = new Map<string, number>();

  constructor(private readonly everyMs: number) {}

  /** True when the guild's turn has come (and takes it). */
  take(guildId: string, now: number): boolean {
    const previous = this.last.get(guildId);
    if (previous !== undefined && now - previous < this.everyMs) return false;
    if (this.last.size >= MEMO_CAP) this.last.clear();
    this.last.set(guildId, now);
    return true;
  }
}

function lazily<C extends BaseContext<APIInteraction>>(
  throttle: GuildThrottle,
  handler: Handler<C>,
): Handler<C> {
  return (ctx) => {
    const now = ctx.deps.clock.now();
    const guildId = ctx.guildId;
    if (guildId && throttle.take(guildId, now))
      ctx.deps.background.run("economy.settle_due", () =>
        settleDueInGuild(ctx.deps, new Date(now), guildId),
      );
    return handler(ctx);
  };
}

const mapValues = <T, U>(record: Readonly<Record<string, T>> | undefined, f: (v: T) => U) =>
  record ? Object.fromEntries(Object.entries(record).map(([k, v]) => [k, f(v)])) : undefined;

/**
 * Wraps an economy module so every interaction with it first settles its guild's due
 * heists, auctions and idle hands in the background (after the response), throttled.
 */
export function withLazySettlement(module: CommandModule, throttle: GuildThrottle): CommandModule {
  return {
    ...module,
    chatInput: module.chatInput && lazily(throttle, module.chatInput),
    subcommands: mapValues(module.subcommands, (h) => lazily(throttle, h)),
    components: mapValues(module.components, (h) => lazily(throttle, h)),
  };
}
