import type { CommandModule } from "../../interactions/index.ts";
import { balance } from "./balance.ts";
import { blackjack } from "./blackjack.ts";
import { coinflip } from "./coinflip.ts";
import { daily } from "./daily.ts";
import { economyAdmin } from "./economy-admin.ts";
import { fair } from "./fair.ts";
import { heist } from "./heist.ts";
import { leaderboard } from "./leaderboard.ts";
import { pay } from "./pay.ts";
import { roulette } from "./roulette.ts";
import { slots } from "./slots.ts";
import { transactions } from "./transactions.ts";
import { work } from "./work.ts";

/** Every economy command. */
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
];
