import type { APIInteractionResponse } from "discord-api-types/v10";
import type { Answer, TestBot } from "../support/bot.ts";
import { type OptionsInput, slashCommand } from "../support/interactions.ts";
import { snowflake } from "../support/snowflake.ts";

/** An operator and the management guild their commands are registered in. */
export const OPERATOR = snowflake();
export const MANAGEMENT_GUILD = snowflake();

/** Runs an operator command in the management guild (or as `as`/`guildId` say). */
export function operatorCommand(
  bot: TestBot,
  name: "ratelimit" | "admin",
  path: string,
  options: OptionsInput = {},
  who: { userId?: string; guildId?: string } = {},
): Promise<Answer> {
  const parts = path.split(" ");
  const subcommand = parts.pop();
  return bot.interact(
    slashCommand(name, {
      guildId: who.guildId ?? MANAGEMENT_GUILD,
      user: { id: who.userId ?? OPERATOR },
      group: parts[0],
      subcommand,
      options,
    }),
  );
}

/** Title, description and fields of the answer's embeds, as one string. */
export function answerText(answer: Answer | { body: APIInteractionResponse }): string {
  const body = answer.body as {
    data?: {
      embeds?: {
        title?: string;
        description?: string;
        fields?: { name: string; value: string }[];
      }[];
    };
  };
  return (body.data?.embeds ?? [])
    .map((e) =>
      [e.title, e.description, ...(e.fields ?? []).map((f) => `${f.name}: ${f.value}`)].join("\n"),
    )
    .join("\n");
}

/** True when the answer is an ephemeral message. */
export function isEphemeral(answer: Answer): boolean {
  const body = answer.body as { data?: { flags?: number } };
  return ((body.data?.flags ?? 0) & 64) === 64;
}
