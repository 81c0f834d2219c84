import { COMMAND_LIMITS, commandSize } from "../../domain/command-size.ts";
import { FormErrors } from "./errors.ts";

type Json = Record<string, unknown>;
type Path = (string | number)[];

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const chars = (value: unknown): number => (typeof value === "string" ? [...value].length : 0);

// Discord's documented CHAT_INPUT name rule: 1-32 of -, _, ', letters, digits (any script),
// with letters lower-case where the script has case.
const CHAT_INPUT_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const PER_TYPE_LIMIT: Record<number, number> = { 1: 100, 2: 15, 3: 15 };
const SUBCOMMAND = 1;
const SUBCOMMAND_GROUP = 2;

function validateName(
  errors: FormErrors,
  path: Path,
  name: unknown,
  rule: "command" | "option" | "context-menu",
): void {
  errors.lengthBetween(path, chars(name), 1, 32);
  if (rule !== "context-menu" && typeof name === "string" && name.length > 0) {
    if (!CHAT_INPUT_NAME.test(name) || name !== name.toLowerCase()) {
      const code =
        rule === "option"
          ? "APPLICATION_COMMAND_OPTION_NAME_INVALID"
          : "APPLICATION_COMMAND_INVALID_NAME";
      errors.add(path, { code, message: "Command name is invalid" });
    }
  }
}

function validateOptions(errors: FormErrors, path: Path, options: unknown[], depth: number): void {
  errors.maxLength(path, options.length, 25);
  const seen = new Set<string>();
  options.forEach((raw, i) => {
    const option = isObject(raw) ? raw : {};
    validateName(errors, [...path, i, "name"], option.name, "option");
    errors.lengthBetween([...path, i, "description"], chars(option.description), 1, 100);
    if (typeof option.name === "string") {
      if (seen.has(option.name)) {
        errors.add([...path, i, "name"], {
          code: "APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS",
          message: "Option names must be unique",
        });
      }
      seen.add(option.name);
    }
    const choices = list(option.choices);
    errors.maxLength([...path, i, "choices"], choices.length, 25);
    choices.forEach((rawChoice, j) => {
      const choice = isObject(rawChoice) ? rawChoice : {};
      errors.lengthBetween([...path, i, "choices", j, "name"], chars(choice.name), 1, 100);
    });
    const nested = list(option.options);
    const nests = option.type === SUBCOMMAND || option.type === SUBCOMMAND_GROUP;
    if (nests && depth < 2) validateOptions(errors, [...path, i, "options"], nested, depth + 1);
  });
}

/**
 * Validates a bulk-overwrite body of application commands against Discord's limits (100 chat
 * input commands, names 1-32 lower-case, descriptions 1-100, ≤ 25 options and choices, unique
 * names, 8000 characters per command); throws 400 Invalid Form Body (50035) with Discord's
 * nested `errors`.
 */
export function validateCommands(body: unknown): Json[] {
  const errors = new FormErrors();
  if (!Array.isArray(body)) {
    errors.add([], { code: "BASE_TYPE_ARRAY", message: "Must be an array." });
    errors.throwIfAny();
    return [];
  }
  const counts = new Map<number, number>();
  const names = new Set<string>();
  body.forEach((raw, i) => {
    const command = isObject(raw) ? raw : {};
    const type = typeof command.type === "number" ? command.type : 1;
    counts.set(type, (counts.get(type) ?? 0) + 1);
    validateName(errors, [i, "name"], command.name, type === 1 ? "command" : "context-menu");
    if (type === 1) {
      errors.lengthBetween([i, "description"], chars(command.description), 1, 100);
      validateOptions(errors, [i, "options"], list(command.options), 0);
      if (commandSize(command).characters > COMMAND_LIMITS.characters) {
        errors.add([i], {
          code: "APPLICATION_COMMAND_TOO_LARGE",
          message: `Command exceeds maximum size (${COMMAND_LIMITS.characters})`,
        });
      }
    }
    const key = `${type}:${String(command.name)}`;
    if (names.has(key)) {
      errors.add([i, "name"], {
        code: "APPLICATION_COMMANDS_DUPLICATE_NAME",
        message: `Application command names must be unique`,
      });
    }
    names.add(key);
  });
  for (const [type, count] of counts) {
    const limit = PER_TYPE_LIMIT[type];
    if (limit !== undefined) errors.maxLength([], count, limit);
  }
  errors.throwIfAny();
  return body as Json[];
}
