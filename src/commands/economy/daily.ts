import { formatCoins } from "../../domain/economy/amounts.ts";
import { STREAK_BONUS_MAX_PERCENT } from "../../domain/economy/timers.ts";
import { claimDaily } from "../../economy/daily.ts";
import { COLORS, defineCommand, embed, ephemeral, reply } from "../../interactions/index.ts";
import { discordTime } from "./format.ts";
import { economyOf, guildCommand } from "./inputs.ts";
import { replayedReply } from "./replayed.ts";

/** `/daily`: the daily reward, with a streak bonus for consecutive days. */
export const daily = defineCommand({
  name: "daily",
  bucket: "economy",
  definitions: [
    guildCommand({
      name: "daily",
      description: "Collect your daily reward (consecutive days add a bonus)",
    }),
  ],
  async chatInput(ctx) {
    const { guildId, settings } = await economyOf(ctx);
    const result = await claimDaily(ctx.deps, {
      guildId,
      userId: ctx.user.id,
      base: settings.dailyAmount,
      key: ctx.interaction.id,
    });
    if (result.status === "replayed") return replayedReply();
    if (!result.paid)
      return ephemeral({
        embeds: [
          embed(
            "Already collected",
            `Your next daily reward is ready ${discordTime(result.nextAt, "R")} (${discordTime(result.nextAt, "f")}).`,
            COLORS.warning,
          ),
        ],
      });
    const bonus =
      result.bonusPercent > 0
        ? ` (+${result.bonusPercent} % streak bonus${result.bonusPercent === STREAK_BONUS_MAX_PERCENT ? ", the most there is" : ""})`
        : "";
    return reply({
      embeds: [
        embed(
          "Daily reward",
          `<@${ctx.user.id}> collected ${formatCoins(result.amount, settings.currency)}${bonus}.\n` +
            `Streak: **${result.streak}** day${result.streak === 1 ? "" : "s"} · Balance: ${formatCoins(result.balance, settings.currency)}\n` +
            `Next reward ${discordTime(result.nextAt, "R")}; miss it by more than a day and the streak starts over.`,
          COLORS.success,
        ),
      ],
      allowed_mentions: { parse: [] },
    });
  },
});
