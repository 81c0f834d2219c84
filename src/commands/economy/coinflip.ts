import { ApplicationCommandOptionType as O } from "discord-api-types/v10";
import { isSide } from "../../domain/economy/coinflip.ts";
import { defineCommand, UserError } from "../../interactions/index.ts";
import { instantGameHandler } from "./casino-play.ts";
import { amountOption, guildCommand } from "./inputs.ts";

/** `/coinflip amount side`: double or nothing (1 flip in 50 lands on its edge). */
export const coinflip = defineCommand({
  name: "coinflip",
  bucket: "economy",
  definitions: [
    guildCommand({
      name: "coinflip",
      description: "Call heads or tails: a right call pays 2× (provably fair)",
      options: [
        amountOption("Your bet"),
        {
          type: O.String,
          name: "side",
          description: "Heads or tails",
          required: true,
          choices: [
            { name: "heads", value: "heads" },
            { name: "tails", value: "tails" },
          ],
        },
      ],
    }),
  ],
  chatInput: instantGameHandler("coinflip", (ctx) => {
    const side = ctx.options.require("side", "string");
    if (!isSide(side)) throw new UserError("Call `heads` or `tails`.", "Invalid side");
    return { call: side };
  }),
});
