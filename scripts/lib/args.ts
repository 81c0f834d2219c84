/** A wrong command line; the scripts print its one-line message and the usage, and exit 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** The flags a script accepts: `true` for one taking a value, `false` for a switch. */
export type FlagSpec = Readonly<Record<string, boolean>>;

/** Parsed flags: a value for each flag given, `"true"` for a switch. */
export type Flags = Readonly<Record<string, string | undefined>>;

/**
 * Parses `--name value`, `--name=value` and `--switch` against `spec`. Positional words, unknown
 * flags, repeated flags and missing values are {@link UsageError}s.
 */
export function parseArgs(argv: readonly string[], spec: FlagSpec): Flags {
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (!arg.startsWith("--")) throw new UsageError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const takesValue = spec[name];
    if (takesValue === undefined) throw new UsageError(`unknown option --${name}`);
    if (name in flags) throw new UsageError(`--${name} given twice`);
    if (!takesValue) {
      if (eq !== -1) throw new UsageError(`--${name} takes no value`);
      flags[name] = "true";
      continue;
    }
    const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined || value === "" || (eq === -1 && value.startsWith("--"))) {
      throw new UsageError(`--${name} needs a value`);
    }
    flags[name] = value;
  }
  return flags;
}

/** A flag that must be given. */
export function requireFlag(flags: Flags, name: string): string {
  const value = flags[name];
  if (value === undefined) throw new UsageError(`--${name} is required`);
  return value;
}

/** A flag that, when given, must be a Discord id. */
export function snowflakeFlag(flags: Flags, name: string): string | undefined {
  const value = flags[name];
  if (value !== undefined && !/^\d{17,20}$/.test(value)) {
    throw new UsageError(`--${name} must be a Discord id (17–20 digits), got "${value}"`);
  }
  return value;
}
