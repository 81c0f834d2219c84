/** A `${VAR:?…}` without a value, or a malformed `${…}`: one line, naming the variable. */
export class InterpolationError extends Error {
  override name = "InterpolationError";
}

/** What {@link interpolate} saw: variables read but unset (compose warns and uses ""). */
export interface InterpolationReport {
  unset: Set<string>;
}

type Env = Readonly<Record<string, string | undefined>>;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const BRACED = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:-|-|:\?|\?|:\+|\+)([\s\S]*))?$/;

/** Index of the `}` closing the `{` at `open`, counting nested `${`; -1 when unterminated. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "{" && text[i - 1] === "$") depth++;
    else if (text[i] === "}" && --depth === 0) return i;
  }
  return -1;
}

function expand(body: string, env: Env, report: InterpolationReport): string {
  const match = BRACED.exec(body);
  if (!match) throw new InterpolationError(`invalid interpolation format "\${${body}}"`);
  const [, name = "", operator, argument = ""] = match;
  const value = env[name];
  const set = value !== undefined;
  const filled = set && value !== "";
  const nested = () => interpolate(argument, env, report);
  switch (operator) {
    case undefined:
      if (!set) report.unset.add(name);
      return value ?? "";
    case ":-":
      return filled ? value : nested();
    case "-":
      return set ? value : nested();
    case ":?":
    case "?":
      if (operator === ":?" ? filled : set) return value as string;
      throw new InterpolationError(`required variable ${name} is missing a value: ${nested()}`);
    case ":+":
      return filled ? nested() : "";
    default:
      return set ? nested() : "";
  }
}

/**
 * Compose's variable interpolation (compose-spec "Interpolation"): `$VAR`, `${VAR}`, the
 * `:-`/`-` defaults, `:?`/`?` required values, `:+`/`+` alternatives, nesting, and `$$` for a
 * literal `$`. No library implements compose's required-value errors, so this is ours.
 */
export function interpolate(
  text: string,
  env: Env,
  report: InterpolationReport = { unset: new Set() },
): string {
  let out = "";
  for (let i = 0; i < text.length; ) {
    if (text[i] !== "$") {
      out += text[i++];
      continue;
    }
    const next = text[i + 1];
    if (next === "$") {
      out += "$";
      i += 2;
    } else if (next === "{") {
      const end = closingBrace(text, i + 1);
      if (end < 0) throw new InterpolationError(`unterminated "\${" in "${text}"`);
      out += expand(text.slice(i + 2, end), env, report);
      i = end + 1;
    } else {
      const name = NAME.exec(text.slice(i + 1))?.[0];
      if (!name) throw new InterpolationError(`a lone "$" in "${text}" (write $$ for a literal $)`);
      if (env[name] === undefined) report.unset.add(name);
      out += env[name] ?? "";
      i += 1 + name.length;
    }
  }
  return out;
}

/** Interpolates every string value (not keys) of a parsed compose document. */
export function interpolateDocument(
  value: unknown,
  env: Env,
  report: InterpolationReport = { unset: new Set() },
): unknown {
  if (typeof value === "string") return interpolate(value, env, report);
  if (Array.isArray(value)) return value.map((item) => interpolateDocument(item, env, report));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, interpolateDocument(item, env, report)]),
    );
  }
  return value;
}
