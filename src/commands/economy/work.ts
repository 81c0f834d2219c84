import { formatCoins } from "../../domain/economy/amounts.ts";
import { doWork } from "../../economy/work.ts";
import { COLORS, defineCommand, embed, ephemeral, reply } from "../../interactions/index.ts";
import { discordTime } from "./format.ts";
import { economyOf, guildCommand } from "./inputs.ts";
import { replayedReply } from "./replayed.ts";

const JOBS = [
  "washed dishes at the noodle bar",
  "delivered dumplings across town",
  "fixed a bug in the server's bot",
  "walked the moderators' dogs",
  "sorted the emoji collection",
  "ran the night shift at the tea shop",
];

/** `/work`: a random wage in the server's range, once an hour. */
export const work = defineCommand({
  name: "work",
  bucket: "economy",
  definitions: [
    guildCommand({ name: "work", description: "Work a shift for coins (once an hour)" }),
  ],
  async chatInput(ctx) {
    const { guildId, settings } = await economyOf(ctx);
    const result = await doWork(ctx.deps, {
      guildId,
      userId: ctx.user.id,
      min: settings.workMin,
      max: settings.workMax,
      key: ctx.interaction.id,
    });
    if (result.status === "replayed") return replayedReply();
    if (!result.paid)
      return ephemeral({
        embeds: [
          embed(
            "Still tired",
            `You can work again ${discordTime(result.nextAt, "R")}.`,
            COLORS.warning,
          ),
        ],
      });
    const job = JOBS[ctx.deps.random.int(JOBS.length)] ?? JOBS[0];
    return reply({
      embeds: [
        embed(
          "Shift done",
          `<@${ctx.user.id}> ${job} and earned ${formatCoins(result.amount, settings.currency)}.\n` +
            `Balance: ${formatCoins(result.balance, settings.currency)}.`,
          COLORS.success,
        ),
      ],
      allowed_mentions: { parse: [] },
    });
  },
});
