import type { LogFields, Logger } from "../ports/index.ts";

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
export type LogLevel = keyof typeof LEVELS;

/** Shapes that are secret wherever they appear: interaction tokens in webhook paths, bot tokens. */
const SECRET_SHAPES: readonly [RegExp, string][] = [
  [/(\/webhooks\/\d+\/)[^/?\s"]+/g, "$1[redacted]"],
  [/[MN][A-Za-z\d_-]{23,27}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,}/g, "[redacted]"],
  [/(Bearer|Bot)\s+[A-Za-z\d._~+/=-]{8,}/g, "$1 [redacted]"],
];

/** Loggable shape of an error: name, message, code, a short stack and its cause. */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    message: error.message,
    ...(code !== undefined ? { code } : {}),
    stack: error.stack?.split("\n").slice(1, 6).join("\n"),
    ...(error.cause ? { cause: describeError(error.cause) } : {}),
  };
}

/**
 * A JSON-lines logger. Every line passes through redaction of the configured secret values
 * and of token shapes, so a token cannot reach the logs even inside an error message.
 */
export function createLogger(options: {
  level?: LogLevel;
  secrets?: readonly (string | undefined)[];
  write?: (line: string, level: LogLevel) => void;
}): Logger {
  const threshold = LEVELS[options.level ?? "info"];
  const secrets = (options.secrets ?? []).filter((s): s is string => Boolean(s && s.length >= 8));
  const write =
    options.write ??
    ((line: string, level: LogLevel) =>
      level === "error" ? console.error(line) : console.log(line));

  const redact = (line: string): string => {
    let out = line;
    for (const secret of secrets) out = out.split(secret).join("[redacted]");
    for (const [shape, replacement] of SECRET_SHAPES) out = out.replace(shape, replacement);
    return out;
  };

  const emit =
    (level: LogLevel) =>
    (event: string, fields: LogFields = {}) => {
      if (LEVELS[level] < threshold) return;
      const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...fields });
      write(redact(line), level);
    };

  return { debug: emit("debug"), info: emit("info"), warn: emit("warn"), error: emit("error") };
}
