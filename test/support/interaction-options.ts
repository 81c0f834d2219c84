import type {
  APIApplicationCommandInteractionDataBasicOption,
  APIApplicationCommandInteractionDataOption,
  ApplicationCommandOptionType,
} from "discord-api-types/v10";

/** An option value: plain values infer their type (string 3, integer 4, number 10, boolean 5). */
export type OptionInput =
  | string
  | number
  | boolean
  | { type: ApplicationCommandOptionType; value: string | number | boolean };

/** Options given by name, or already in Discord's array form. */
export type OptionsInput =
  | Record<string, OptionInput>
  | APIApplicationCommandInteractionDataBasicOption[];

function inferType(input: string | number | boolean): 3 | 4 | 5 | 10 {
  if (typeof input === "string") return 3;
  if (typeof input === "boolean") return 5;
  return Number.isInteger(input) ? 4 : 10;
}

/** Turns options given by name into Discord's array form. */
export function basicOptions(
  options: OptionsInput | undefined,
): APIApplicationCommandInteractionDataBasicOption[] {
  if (Array.isArray(options)) return options;
  return Object.entries(options ?? {}).map(
    ([name, input]) =>
      (typeof input === "object"
        ? { name, ...input }
        : {
            name,
            type: inferType(input),
            value: input,
          }) as APIApplicationCommandInteractionDataBasicOption,
  );
}

/** Wraps options in their subcommand and subcommand group, as Discord nests them. */
export function nestOptions(
  options: OptionsInput | undefined,
  subcommand?: string,
  group?: string,
): APIApplicationCommandInteractionDataOption[] {
  const basic = basicOptions(options);
  if (!subcommand) return basic;
  const sub = { type: 1 as const, name: subcommand, options: basic };
  return group ? [{ type: 2 as const, name: group, options: [sub] }] : [sub];
}
