import { ApplicationCommandOptionType as O } from "discord-api-types/v10";
import { setHeistMessage } from "../../data/economy/heists.ts";
import { withFunds } from "../../economy/funds.ts";
import { joinHeist, startHeist } from "../../economy/heists/heist.ts";
import { heistView } from "../../economy/heists/views.ts";
import { rememberReplyMessage } from "../../economy/stored-message.ts";
import {
  type ChatInputContext,
  type ComponentContext,
  defineCommand,
  reply,
  UserError,
  updateMessage,
} from "../../interactions/index.ts";
import { amountOption, economyOf, guildCommand, readBet } from "./inputs.ts";
import { replayedReply } from "./replayed.ts";

async function start(ctx: ChatInputContext) {
  const { guildId, settings } = await economyOf(ctx);
  const stake = readBet(ctx, settings);
  const result = await withFunds(settings.currency, ctx.user.id, () =>
    startHeist(ctx.deps, { guildId, starterId: ctx.user.id, stake, key: ctx.interaction.id }),
  );
  if (result.status === "replayed") return replayedReply();
  rememberReplyMessage(ctx.deps, ctx.interaction.token, (where) =>
    setHeistMessage(ctx.deps.db, result.heist.id, where),
  );
  return reply(heistView(result, settings.currency));
}

async function join(ctx: ComponentContext) {
  const { guildId, settings } = await economyOf(ctx);
  const heistId = Number(ctx.args[0]);
  if (!Number.isSafeInteger(heistId) || heistId <= 0) throw new UserError("This button is broken.");
  const outcome = await withFunds(settings.currency, ctx.user.id, () =>
    joinHeist(ctx.deps, {
      guildId,
      heistId,
      userId: ctx.user.id,
      key: `${ctx.interaction.id}:join`,
    }),
  );
  // Either way the message shows the heist as it now stands: a bigger crew, or the result.
  return updateMessage(heistView(outcome.state, settings.currency));
}

/** `/heist start amount`: a crew forms for 60 s, then the heist succeeds or fails. */
export const heist = defineCommand({
  name: "heist",
  bucket: "economy",
  definitions: [
    guildCommand({
      name: "heist",
      description: "Plan a heist others can join for 60 seconds",
      options: [
        {
          type: O.Subcommand,
          name: "start",
          description: "Start a heist; everyone who joins stakes the same amount",
          options: [amountOption("Each member's stake")],
        },
      ],
    }),
  ],
  subcommands: { start },
  components: { join },
});
