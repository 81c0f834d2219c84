import { ApplicationCommandOptionType as O } from "discord-api-types/v10";
import { balanceOf } from "../../data/economy/ledger.ts";
import { wallet } from "../../domain/economy/accounts.ts";
import { formatCoins } from "../../domain/economy/amounts.ts";
import { COLORS, defineCommand, embed, reply } from "../../interactions/index.ts";
import { economyOf, guildCommand, readMember } from "./inputs.ts";

/** `/balance [user]`: what a wallet holds. */
export const balance = defineCommand({
  name: "balance",
  bucket: "economy",
  definitions: [
    guildCommand({
      name: "balance",
      description: "Show your wallet, or another member's",
      options: [{ type: O.User, name: "user", description: "Whose wallet (default: yours)" }],
    }),
  ],
  async chatInput(ctx) {
    const { guildId, settings } = await economyOf(ctx);
    const userId = readMember(ctx, "user", { self: "allow" }) ?? ctx.user.id;
    const coins = await balanceOf(ctx.deps.db, guildId, wallet(userId));
    return reply({
      embeds: [
        embed("Balance", `<@${userId}> has ${formatCoins(coins, settings.currency)}.`, COLORS.info),
      ],
      allowed_mentions: { parse: [] },
    });
  },
});
