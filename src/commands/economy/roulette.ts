import { ApplicationCommandOptionType as O } from "discord-api-types/v10";
import { describeBet, parseRouletteBet, suggestBets } from "../../domain/economy/roulette.ts";
import { defineCommand, UserError } from "../../interactions/index.ts";
import { instantGameHandler } from "./casino-play.ts";
import { amountOption, guildCommand } from "./inputs.ts";

/** `/roulette amount bet`: a European wheel; `bet` is typed, with suggestions as you type. */
export const roulette = defineCommand({
  name: "roulette",
  bucket: "economy",
  definitions: [
    guildCommand({
      name: "roulette",
      description: "Bet on red, black, odd, even, low, high or a number 0–36 (provably fair)",
      options: [
        amountOption("Your bet"),
        {
          type: O.String,
          name: "bet",
          description: "red, black, odd, even, low (1–18), high (19–36) or a number 0–36",
          required: true,
          max_length: 5,
          autocomplete: true,
        },
      ],
    }),
  ],
  chatInput: instantGameHandler("roulette", (ctx) => {
    const text = ctx.options.require("bet", "string");
    const bet = parseRouletteBet(text);
    if (!bet)
      throw new UserError(
        "Bet on `red`, `black`, `odd`, `even`, `low` (1–18), `high` (19–36) or a number from `0` to `36`.",
        "Invalid bet",
      );
    return { bet: bet.kind === "number" ? String(bet.number) : bet.kind };
  }),
  autocomplete(ctx) {
    return suggestBets(ctx.focused.value).map((value) => {
      const parsed = parseRouletteBet(value);
      const name = parsed ? describeBet(parsed) : value;
      return { name: name === value ? value : `${value} — ${name}`, value };
    });
  },
});
