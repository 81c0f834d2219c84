import type { CommandModule } from "../../interactions/index.ts";
import { auction } from "./auction.ts";
import { balance } from "./balance.ts";
import { blackjack } from "./blackjack.ts";
import { coinflip } from "./coinflip.ts";
import { daily } from "./daily.ts";
import { economyAdmin } from "./economy-admin.ts";
import { fair } from "./fair.ts";
import { heist } from "./heist.ts";
import { inventory } from "./inventory.ts";
import { GuildThrottle, withLazySettlement } from "./lazy-settlement.ts";
import { leaderboard } from "./leaderboard.ts";
import { pay } from "./pay.ts";
import { roulette } from "./roulette.ts";
import { shop } from "./shop.ts";
import { slots } from "./slots.ts";
import { transactions } from "./transactions.ts";
import { work } from "./work.ts";

/** How often one guild's due economy work is looked at lazily (per isolate). */
const LAZY_SETTLE_EVERY_MS = 15_000;
const throttle = new GuildThrottle(LAZY_SETTLE_EVERY_MS);

/**
 * Every economy command; each interaction with one also settles its guild's due heists,
 * auctions and idle blackjack hands in the background (see {@link withLazySettlement}).
 */
export const economyCommands: readonly CommandModule[] = [
  balance,
  daily,
  pay,
  work,
  leaderboard,
  transactions,
  economyAdmin,
  coinflip,
  slots,
  roulette,
  blackjack,
  fair,
  heist,
  auction,
  shop,
  inventory,
].map((module) => withLazySettlement(module, throttle));
