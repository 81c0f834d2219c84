import { DrizzleQueryError } from "drizzle-orm/errors";

/**
 * Something the user did wrong (bad input, missing permission). The boundary turns it into
 * an ephemeral embed with this message; it is not logged as a failure.
 */
export class UserError extends Error {
  override name = "UserError";
  constructor(
    message: string,
    readonly title = "That didn't work",
  ) {
    super(message);
  }
}

/** The database could not be reached in time; users see "Database error". */
export class DatabaseUnavailableError extends Error {
  override name = "DatabaseUnavailableError";
}

/** A request that is not a well-formed interaction; answered with HTTP 400. */
export class MalformedInteractionError extends Error {
  override name = "MalformedInteractionError";
}

const NETWORK_CODES = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EPIPE)$/;
const POOL_FAILURES =
  /timeout exceeded when trying to connect|Connection terminated|connection timeout/i;
// SQLSTATE class 08 = connection exception; 57P0x = server shutting down; 53300 = too many connections.
const UNAVAILABLE_SQLSTATE = /^(08|57P0|53300)/;

function sqlState(error: Error): string | null {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}

/**
 * True when `error` means Postgres could not be reached, as opposed to a query that Postgres
 * rejected (those are bugs, and surface as "Something went wrong").
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 6; depth++) {
    if (e instanceof DatabaseUnavailableError) return true;
    const state = sqlState(e);
    if (state) return UNAVAILABLE_SQLSTATE.test(state);
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && NETWORK_CODES.test(code)) return true;
    if (POOL_FAILURES.test(e.message)) return true;
    // drizzle wraps driver errors: a failed query whose cause carries no SQLSTATE never
    // reached the server (the cause may not even be an Error: Neon passes a WebSocket event).
    if (e instanceof DrizzleQueryError && !(e.cause instanceof Error && sqlState(e.cause))) {
      return true;
    }
    e = e.cause;
  }
  return false;
}
