import {
  type APIApplicationCommandAutocompleteInteraction,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIChatInputApplicationCommandInteraction,
  type APIInteraction,
  type APIModalSubmitInteraction,
  type APIUser,
  ApplicationCommandOptionType,
  ComponentType,
} from "discord-api-types/v10";
import type { Deps } from "../ports/index.ts";
import { MalformedInteractionError } from "./errors.ts";
import { flattenOptions, OptionReader } from "./options.ts";
import type { AutocompleteContext, BaseContext, ChatInputContext } from "./types.ts";

/** The fields every handler context shares. */
export function baseContext<I extends APIInteraction>(interaction: I, deps: Deps): BaseContext<I> {
  const user: APIUser | undefined = interaction.member?.user ?? interaction.user;
  if (!user) throw new MalformedInteractionError("interaction has neither member nor user");
  return {
    interaction,
    deps,
    user,
    guildId: interaction.guild_id ?? null,
    member: interaction.member ?? null,
  };
}

export function chatInputContext(
  interaction: APIChatInputApplicationCommandInteraction,
  deps: Deps,
): ChatInputContext {
  const { subcommand, leaves } = flattenOptions(interaction.data.options);
  return {
    ...baseContext(interaction, deps),
    subcommand,
    options: new OptionReader(leaves, interaction.data.resolved),
  };
}

export function autocompleteContext(
  interaction: APIApplicationCommandAutocompleteInteraction,
  deps: Deps,
): AutocompleteContext {
  const { subcommand, leaves } = flattenOptions(interaction.data.options);
  const focused = leaves.find(
    (o): o is APIApplicationCommandInteractionDataBasicOption & { focused: true } =>
      "focused" in o && o.focused === true,
  );
  const value = focused && "value" in focused ? String(focused.value) : "";
  const others = leaves.filter(
    (o) => o !== focused || o.type === ApplicationCommandOptionType.Attachment,
  );
  return {
    ...baseContext(interaction, deps),
    subcommand,
    options: new OptionReader(others, interaction.data.resolved),
    focused: { name: focused?.name ?? "", value },
  };
}

/** Text input values of a modal submit, by `custom_id`. */
export function modalFields(interaction: APIModalSubmitInteraction): Map<string, string> {
  const fields = new Map<string, string>();
  const visit = (component: unknown): void => {
    if (!component || typeof component !== "object") return;
    const c = component as { type?: number; custom_id?: string; value?: unknown };
    if (c.type === ComponentType.TextInput && c.custom_id && typeof c.value === "string") {
      fields.set(c.custom_id, c.value);
    }
    for (const key of ["components", "component"] as const) {
      const child = (component as Record<string, unknown>)[key];
      if (Array.isArray(child)) child.forEach(visit);
      else visit(child);
    }
  };
  interaction.data.components.forEach(visit);
  return fields;
}
