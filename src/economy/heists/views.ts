import { ButtonStyle, ComponentType } from "discord-api-types/v10";
import { type Currency, formatCoins } from "../../domain/economy/amounts.ts";
import { MIN_CREW, successChance } from "../../domain/economy/heist.ts";
import { joinLinesWithin } from "../../domain/text.ts";
import { COLORS, customId, embed } from "../../interactions/index.ts";
import type { MessageBody } from "../../ports/index.ts";
import type { HeistOutcome, HeistState } from "./heist.ts";

const percent = (basisPoints: number) => `${basisPoints / 100} %`;

/** The heist message: open with its Join button, or settled with each member's share. */
export function heistView({ heist, crew }: HeistState, currency: Currency): MessageBody {
  const stake = formatCoins(heist.stake, currency);
  const crewList = joinLinesWithin(
    crew.map((id) => `<@${id}>`),
    1500,
  ).replace(/\n/g, " ");
  if (heist.state === "open") {
    const due = Math.floor(heist.dueAt.getTime() / 1000);
    const odds =
      crew.length < MIN_CREW
        ? `A crew needs ${MIN_CREW}; with one more the chance is ${percent(successChance(MIN_CREW))}.`
        : `Chance of success with this crew: **${percent(successChance(crew.length))}**.`;
    return {
      embeds: [
        embed(
          `Heist #${heist.id}`,
          `<@${heist.starterId}> is planning a heist. Each member stakes ${stake}; a success pays it back twice over.\n` +
            `Join <t:${due}:R>. ${odds}\n**Crew (${crew.length}):** ${crewList}`,
          COLORS.warning,
        ),
      ],
      components: [
        {
          type: ComponentType.ActionRow,
          components: [
            {
              type: ComponentType.Button,
              style: ButtonStyle.Danger,
              label: "Join",
              custom_id: customId("heist", "join", heist.id),
            },
          ],
        },
      ],
      allowed_mentions: { parse: [] },
    };
  }
  const { result, shares } = heist.outcome as unknown as HeistOutcome;
  const share = (id: string) => formatCoins(BigInt(shares[id] ?? "0"), currency);
  const lines = crew.map((id) => `<@${id}>: ${share(id)}`);
  const heading =
    result.kind === "refunded"
      ? `Not enough people joined (a crew needs ${MIN_CREW}). Everyone got their ${stake} back.`
      : result.kind === "success"
        ? `The crew of ${result.crew} got away with it! (roll ${result.roll} < ${result.chance} of 10,000, a ${percent(result.chance)} chance) Each member gets ${formatCoins(heist.stake * 2n, currency)}.`
        : `The crew of ${result.crew} was caught. (roll ${result.roll} ≥ ${result.chance} of 10,000, a ${percent(result.chance)} chance) The stakes go to the house.`;
  return {
    embeds: [
      embed(
        `Heist #${heist.id} — ${result.kind === "success" ? "success" : result.kind === "failure" ? "failed" : "called off"}`,
        `${heading}\n${joinLinesWithin(lines, 3000)}`,
        result.kind === "success"
          ? COLORS.success
          : result.kind === "failure"
            ? COLORS.error
            : COLORS.info,
      ),
    ],
    components: [],
    allowed_mentions: { parse: [] },
  };
}
