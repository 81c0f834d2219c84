import { DatabaseUnavailableError } from "../ports/index.ts";

export { DatabaseUnavailableError };

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

/** A request that is not a well-formed interaction; answered with HTTP 400. */
export class MalformedInteractionError extends Error {
  override name = "MalformedInteractionError";
}

/**
 * True when `error` (or one of its causes) is the adapters' "database unavailable": Postgres
 * could not be reached, as opposed to a query it rejected (a bug: "Something went wrong").
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 6; depth++, e = e.cause) {
    if (e instanceof DatabaseUnavailableError) return true;
  }
  return false;
}
