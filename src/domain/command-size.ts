/** Discord's limits on one chat-input command. */
export const COMMAND_LIMITS = {
  /** Characters of every name, description and choice name/value, options included. */
  characters: 8000,
  /** Options (subcommands and groups included) at each level. */
  options: 25,
} as const;

type Localized = Readonly<Record<string, string | null | undefined>> | null | undefined;

interface Node {
  readonly name?: unknown;
  readonly name_localizations?: Localized;
  readonly description?: unknown;
  readonly description_localizations?: Localized;
  readonly value?: unknown;
  readonly choices?: readonly unknown[];
  readonly options?: readonly unknown[];
}

const length = (value: unknown) =>
  typeof value === "string" || typeof value === "number" ? [...String(value)].length : 0;

/** A field with its localizations counts as its longest version, as Discord counts it. */
function longest(value: unknown, localized: Localized): number {
  return Math.max(length(value), ...Object.values(localized ?? {}).map(length));
}

function size(node: Node): number {
  let total =
    longest(node.name, node.name_localizations) +
    longest(node.description, node.description_localizations) +
    length(node.value);
  for (const child of [...(node.choices ?? []), ...(node.options ?? [])])
    total += size((child ?? {}) as Node);
  return total;
}

/**
 * How a command measures against Discord's limits: its characters (every name, description
 * and value of the command, its options, subcommands, groups and choices; the longest
 * localization of each field) and the most options at any one level.
 */
export function commandSize(command: object): { characters: number; widestLevel: number } {
  const widest = (node: Node): number =>
    Math.max(
      node.options?.length ?? 0,
      ...(node.options ?? []).map((child) => widest((child ?? {}) as Node)),
    );
  return { characters: size(command as Node), widestLevel: widest(command as Node) };
}
