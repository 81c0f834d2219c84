/** A Discord error response: thrown by route handlers, turned into the HTTP reply. */
export class DiscordHttpError extends Error {
  readonly status: number;
  readonly body: Record<string, unknown>;

  constructor(status: number, body: { message: string; code: number; errors?: unknown }) {
    super(`${status} ${body.message} (${body.code})`);
    this.status = status;
    this.body = body;
  }
}

/** Discord's error for a missing or wrong bot token. */
export const unauthorized = () =>
  new DiscordHttpError(401, { message: "401: Unauthorized", code: 0 });

/** Discord's error for an unknown route. */
export const notFound = () => new DiscordHttpError(404, { message: "404: Not Found", code: 0 });

/** Discord's error for a known route called with the wrong method. */
export const methodNotAllowed = () =>
  new DiscordHttpError(405, { message: "405: Method Not Allowed", code: 0 });

const UNKNOWN = {
  channel: [10003, "Unknown Channel"],
  guild: [10004, "Unknown Guild"],
  member: [10007, "Unknown Member"],
  message: [10008, "Unknown Message"],
  role: [10011, "Unknown Role"],
  user: [10013, "Unknown User"],
  webhook: [10015, "Unknown Webhook"],
  ban: [10026, "Unknown Ban"],
  command: [10063, "Unknown application command"],
  interaction: [10062, "Unknown interaction"],
  voiceState: [10065, "Unknown Voice State"],
} as const;

/** A 404 "Unknown …" error with Discord's JSON code for that kind of resource. */
export function unknown(kind: keyof typeof UNKNOWN): DiscordHttpError {
  const [code, message] = UNKNOWN[kind];
  return new DiscordHttpError(404, { message, code });
}

/** 403 Missing Access (50001): the bot cannot see that guild or application. */
export const missingAccess = () =>
  new DiscordHttpError(403, { message: "Missing Access", code: 50001 });

/** 403 Missing Permissions (50013). */
export const missingPermissions = () =>
  new DiscordHttpError(403, { message: "Missing Permissions", code: 50013 });

/** 403 Cannot edit a message authored by another user (50005). */
export const notAuthor = () =>
  new DiscordHttpError(403, {
    message: "Cannot edit a message authored by another user",
    code: 50005,
  });

/** 401 Invalid Webhook Token (50027): an interaction token older than 15 minutes. */
export const invalidWebhookToken = () =>
  new DiscordHttpError(401, { message: "Invalid Webhook Token", code: 50027 });

/** 400 Interaction has already been acknowledged (40060). */
export const alreadyAcknowledged = () =>
  new DiscordHttpError(400, { message: "Interaction has already been acknowledged.", code: 40060 });

/**
 * HTTP status of the bulk-ban "nobody could be banned" error (JSON code 500000). Discord's docs
 * and OpenAPI spec only say "an error response" / 4XX; 403 is what client libraries report.
 */
export const BULK_BAN_FAILED_STATUS = 403;

/** The bulk-ban error when no user at all could be banned. */
export const failedToBanUsers = () =>
  new DiscordHttpError(BULK_BAN_FAILED_STATUS, { message: "Failed to ban users", code: 500000 });

/** One entry of Discord's `_errors` arrays. */
export interface FieldError {
  code: string;
  message: string;
}

/**
 * Collects field errors into Discord's nested shape, e.g.
 * `{ embeds: { "0": { title: { _errors: [{ code, message }] } } } }`.
 */
export class FormErrors {
  readonly tree: Record<string, unknown> = {};
  #count = 0;

  /** Adds an error at `path` (an empty path = the body itself). */
  add(path: readonly (string | number)[], error: FieldError): void {
    let node = this.tree;
    for (const key of path) {
      const child = node[String(key)];
      const next =
        typeof child === "object" && child !== null ? (child as Record<string, unknown>) : {};
      node[String(key)] = next;
      node = next;
    }
    const errors = Array.isArray(node._errors) ? (node._errors as FieldError[]) : [];
    errors.push(error);
    node._errors = errors;
    this.#count++;
  }

  /** Adds a "Must be N or fewer in length." error when `length > max`. */
  maxLength(path: readonly (string | number)[], length: number, max: number): void {
    if (length > max) {
      this.add(path, {
        code: "BASE_TYPE_MAX_LENGTH",
        message: `Must be ${max} or fewer in length.`,
      });
    }
  }

  /** Adds a "Must be between min and max in length." error when outside. */
  lengthBetween(
    path: readonly (string | number)[],
    length: number,
    min: number,
    max: number,
  ): void {
    if (length < min || length > max) {
      this.add(path, {
        code: "BASE_TYPE_BAD_LENGTH",
        message: `Must be between ${min} and ${max} in length.`,
      });
    }
  }

  get empty(): boolean {
    return this.#count === 0;
  }

  /** Throws the 400 Invalid Form Body (50035) error if anything was added. */
  throwIfAny(): void {
    if (!this.empty) {
      throw new DiscordHttpError(400, {
        code: 50035,
        message: "Invalid Form Body",
        errors: this.tree,
      });
    }
  }
}
