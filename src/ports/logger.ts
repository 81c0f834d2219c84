export type LogFields = Record<string, unknown>;

/** Structured logging: one JSON line per event; secrets are redacted before writing. */
export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}
