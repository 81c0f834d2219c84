import { DatabaseUnavailableError } from "../../ports/index.ts";

const NETWORK_CODES = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EPIPE)$/;
const POOL_FAILURES =
  /timeout exceeded when trying to connect|Connection terminated|connection timeout|Cannot use a pool after calling end/i;
// SQLSTATE class 08 = connection exception; 57P0x = server shutting down; 53300 = too many connections.
const UNAVAILABLE_SQLSTATE = /^(08|57P0|53300)/;
// Thrown by our own code or the driver before anything was sent: bugs, not outages.
const PROGRAMMING_ERRORS = [TypeError, RangeError, SyntaxError, ReferenceError];

function sqlState(error: Error): string | null {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}

/**
 * True when a driver's failure means Postgres could not be reached. A failure carrying a
 * SQLSTATE came from the server (only connection classes count); one without it never reached
 * the server — a socket error, a pool timeout, or a non-Error (Neon rejects with a WebSocket
 * event) — unless it is a programming error.
 */
export function isConnectionFailure(error: unknown): boolean {
  for (let e = error, depth = 0; depth < 6; depth++) {
    if (e instanceof DatabaseUnavailableError) return true;
    if (!(e instanceof Error)) return e !== undefined && e !== null;
    const state = sqlState(e);
    if (state) return UNAVAILABLE_SQLSTATE.test(state);
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && NETWORK_CODES.test(code)) return true;
    if (POOL_FAILURES.test(e.message)) return true;
    if (e.cause === undefined) return !PROGRAMMING_ERRORS.some((type) => e instanceof type);
    e = e.cause;
  }
  return false;
}

/** The project's own error for a connection failure, the driver's error unchanged otherwise. */
export function toDatabaseError(error: unknown): unknown {
  if (error instanceof DatabaseUnavailableError || !isConnectionFailure(error)) return error;
  const message = error instanceof Error ? error.message : "connection to Postgres failed";
  return new DatabaseUnavailableError(`database unavailable: ${message}`, { cause: error });
}
