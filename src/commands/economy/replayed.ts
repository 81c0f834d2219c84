import type { APIInteractionResponse } from "discord-api-types/v10";
import { COLORS, embed, ephemeral } from "../../interactions/index.ts";

/** The answer when the same interaction arrives twice: the first delivery already acted. */
export function replayedReply(): APIInteractionResponse {
  return ephemeral({
    embeds: [
      embed(
        "Already done",
        "This request was already carried out; nothing was done a second time.",
        COLORS.info,
      ),
    ],
  });
}
