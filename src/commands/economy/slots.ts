import { defineCommand } from "../../interactions/index.ts";
import { instantGameHandler } from "./casino-play.ts";
import { amountOption, guildCommand } from "./inputs.ts";

/** `/slots amount`: three reels; the paytable is in docs/fairness.md. */
export const slots = defineCommand({
  name: "slots",
  bucket: "economy",
  definitions: [
    guildCommand({
      name: "slots",
      description: "Spin three reels: three of a kind or two cherries pay (provably fair)",
      options: [amountOption("Your bet")],
    }),
  ],
  chatInput: instantGameHandler("slots", () => ({})),
});
