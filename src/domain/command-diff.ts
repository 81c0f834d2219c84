/**
 * Semantic comparison of application command sets: what we would register against what Discord
 * returns. Discord echoes a command with server fields (id, version, …) and its defaults filled
 * in (`nsfw: false`, `required: false`, `null` localizations, …), so both sides are normalised
 * to one canonical form before they are compared.
 */

/** A command as registered or as returned by Discord; only `name` and `type` are read directly. */
export interface CommandJson {
  readonly name: string;
  readonly type?: number;
}

/** One differing value inside a changed command; `undefined` means the field is absent. */
export interface FieldChange {
  /** Where, e.g. `description` or `options[0].required`. */
  readonly path: string;
  readonly current: unknown;
  readonly desired: unknown;
}

/** A command present on both sides whose normalised forms differ. */
export interface ChangedCommand {
  readonly label: string;
  readonly changes: readonly FieldChange[];
}

/** What registering `desired` over `current` would change. Labels: see {@link commandLabel}. */
export interface CommandDiff {
  /** In `desired`, not in `current`. */
  readonly added: readonly string[];
  /** In `current`, not in `desired`. */
  readonly removed: readonly string[];
  readonly changed: readonly ChangedCommand[];
  readonly unchanged: number;
}

/** How the compared sets are registered. */
export interface DiffOptions {
  /** Guild commands: `dm_permission` has no meaning there and is ignored. */
  readonly guild?: boolean;
}

type Json = Record<string, unknown>;

const CHAT_INPUT = 1;
const TYPE_SUFFIX: Record<number, string> = { 2: " (user)", 3: " (message)", 4: " (entry point)" };
/** Assigned by Discord, or only present in responses (`*_localized` without `with_localizations`). */
const SERVER_FIELDS = new Set([
  "id",
  "application_id",
  "version",
  "guild_id",
  "name_localized",
  "description_localized",
]);
/** Lists whose order carries no meaning. */
const SET_FIELDS = new Set(["contexts", "integration_types", "channel_types"]);
const COMMAND_DEFAULTS: Json = { nsfw: false, dm_permission: true, description: "" };
const OPTION_DEFAULTS: Json = { required: false, autocomplete: false };
const DEFAULT_INTEGRATION_TYPES = "[0]";

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Drops absent-equivalent values (null, [], {}) and sorts set-like lists, recursively. */
function clean(value: unknown, key = ""): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => clean(item)).filter((item) => item !== undefined);
    if (items.length === 0) return undefined;
    return SET_FIELDS.has(key) ? [...items].sort((a, b) => Number(a) - Number(b)) : items;
  }
  if (isObject(value)) {
    const entries = Object.entries(value)
      .map(([k, v]) => [k, clean(v, k)] as const)
      .filter(([, v]) => v !== undefined);
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
  }
  return value ?? undefined;
}

function withoutDefaults(object: Json, defaults: Json): Json {
  return Object.fromEntries(
    Object.entries(object).filter(([key, value]) => !(key in defaults && defaults[key] === value)),
  );
}

function normaliseOption(option: unknown): unknown {
  if (!isObject(option)) return option;
  const result = withoutDefaults(option, OPTION_DEFAULTS);
  if (Array.isArray(result.options)) result.options = result.options.map(normaliseOption);
  return result;
}

/**
 * The canonical form of one command: server fields dropped, `null`/empty values and Discord's
 * defaults removed, `type` filled in (1, chat input), set-like lists sorted. Two commands are
 * registered identically exactly when their canonical forms are deep-equal.
 */
export function normaliseCommand(command: CommandJson, options: DiffOptions = {}): Json {
  const raw = command as unknown as Json;
  const stripped = Object.fromEntries(Object.entries(raw).filter(([k]) => !SERVER_FIELDS.has(k)));
  const cleaned = (clean(stripped) ?? {}) as Json;
  const result = withoutDefaults(
    { ...cleaned, type: cleaned.type ?? CHAT_INPUT },
    COMMAND_DEFAULTS,
  );
  if (JSON.stringify(result.integration_types) === DEFAULT_INTEGRATION_TYPES) {
    delete result.integration_types;
  }
  // `dm_permission` is deprecated: with `contexts` set, Discord derives it and ignores ours.
  // Guild commands never show in DMs, and Discord leaves the field out of them.
  if (result.contexts !== undefined || options.guild) delete result.dm_permission;
  if (Array.isArray(result.options)) result.options = result.options.map(normaliseOption);
  return result;
}

/** How a command is named in a diff: its name, with its type when it is not a slash command. */
export function commandLabel(command: CommandJson): string {
  return `${command.name}${TYPE_SUFFIX[command.type ?? CHAT_INPUT] ?? ""}`;
}

function describePath(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

/** Paths (with both values) where two canonical values differ; keys compared order-free. */
function fieldChanges(current: unknown, desired: unknown, path = ""): FieldChange[] {
  if (Array.isArray(current) && Array.isArray(desired)) {
    const length = Math.max(current.length, desired.length);
    return Array.from({ length }, (_, i) =>
      fieldChanges(current[i], desired[i], describePath(path, i)),
    ).flat();
  }
  if (isObject(current) && isObject(desired)) {
    const keys = [...new Set([...Object.keys(current), ...Object.keys(desired)])].sort();
    return keys.flatMap((key) => fieldChanges(current[key], desired[key], describePath(path, key)));
  }
  if (Object.is(current, desired)) return [];
  return [{ path: path || "(command)", current, desired }];
}

function byLabel(commands: readonly CommandJson[], options: DiffOptions): Map<string, Json> {
  return new Map(
    commands.map((command) => [commandLabel(command), normaliseCommand(command, options)]),
  );
}

/**
 * Compares what Discord has (`current`) with what we would register (`desired`). Commands are
 * matched by type and name; their order in either list does not matter.
 */
export function diffCommands(
  desired: readonly CommandJson[],
  current: readonly CommandJson[],
  options: DiffOptions = {},
): CommandDiff {
  const want = byLabel(desired, options);
  const have = byLabel(current, options);
  const added = [...want.keys()].filter((label) => !have.has(label)).sort();
  const removed = [...have.keys()].filter((label) => !want.has(label)).sort();
  const changed: ChangedCommand[] = [];
  let unchanged = 0;
  for (const [label, command] of want) {
    const existing = have.get(label);
    if (existing === undefined) continue;
    const changes = fieldChanges(existing, command);
    if (changes.length === 0) unchanged += 1;
    else changed.push({ label, changes });
  }
  changed.sort((a, b) => a.label.localeCompare(b.label));
  return { added, removed, changed, unchanged };
}

/** True when registering would change nothing. */
export function isInSync(diff: CommandDiff): boolean {
  return diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0;
}
