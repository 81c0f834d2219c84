import { ApplicationCommandOptionType as O } from "discord-api-types/v10";
import { wallet } from "../../domain/economy/accounts.ts";
import { formatCoins } from "../../domain/economy/amounts.ts";
import { withFunds } from "../../economy/funds.ts";
import { payMember } from "../../economy/pay.ts";
import { COLORS, defineCommand, embed, reply, UserError } from "../../interactions/index.ts";
import { amountOption, economyOf, guildCommand, readAmount, readMember } from "./inputs.ts";
import { replayedReply } from "./replayed.ts";

const NOTE_MAX = 100;

/** `/pay user amount [note]`: from your wallet to another member's. */
export const pay = defineCommand({
  name: "pay",
  bucket: "economy",
  definitions: [
    guildCommand({
      name: "pay",
      description: "Give coins from your wallet to another member",
      options: [
        { type: O.User, name: "user", description: "Who receives them", required: true },
        amountOption("How many coins"),
        { type: O.String, name: "note", description: "What it is for", max_length: NOTE_MAX },
      ],
    }),
  ],
  async chatInput(ctx) {
    const { guildId, settings } = await economyOf(ctx);
    const toId = readMember(ctx, "user", { self: "You cannot pay yourself." });
    if (!toId) throw new UserError("Choose who to pay.");
    const amount = readAmount(ctx);
    const note = ctx.options.get("note", "string")?.trim().slice(0, NOTE_MAX) || null;
    const result = await withFunds(settings.currency, ctx.user.id, () =>
      payMember(ctx.deps, {
        guildId,
        fromId: ctx.user.id,
        toId,
        amount,
        key: ctx.interaction.id,
        memo: note,
      }),
    );
    if (result.status === "replayed") return replayedReply();
    const left = result.balances.get(wallet(ctx.user.id)) ?? 0n;
    return reply({
      embeds: [
        embed(
          "Payment sent",
          `<@${ctx.user.id}> paid <@${toId}> ${formatCoins(amount, settings.currency)}` +
            `${note ? ` for “${note}”` : ""}.\nYour balance: ${formatCoins(left, settings.currency)}.`,
          COLORS.success,
        ),
      ],
      allowed_mentions: { users: [toId] },
    });
  },
});
