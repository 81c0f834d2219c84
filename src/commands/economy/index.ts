import type { CommandModule } from "../../interactions/index.ts";
import { balance } from "./balance.ts";
import { daily } from "./daily.ts";
import { economyAdmin } from "./economy-admin.ts";
import { leaderboard } from "./leaderboard.ts";
import { pay } from "./pay.ts";
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
];
