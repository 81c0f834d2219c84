import { DiscordHttpError } from "../../../src/dev/discord-sim/index.ts";

/** How {@link Failures.inject} makes calls fail, as Discord answers a refused request. */
export interface FailureOptions {
  status: number;
  /** Discord's JSON error code, e.g. 50013 Missing Permissions. */
  code: number;
  message: string;
  /** Only calls with this method; default any. */
  method?: string;
  /** Only calls whose route parameters include these values, e.g. `{ id: channelId }`. */
  params?: Record<string, string>;
  /** How many matching calls fail; default 1. */
  count?: number;
}

interface Injection extends FailureOptions {
  route: string;
  left: number;
}

/**
 * Error answers injected on demand, for tests of what the bot does when Discord refuses a
 * call halfway through a job. Matched after authentication and rate limits, before the route
 * runs, so a failed call changes no state (as on Discord).
 */
export class Failures {
  readonly #injections: Injection[] = [];

  inject(route: string, options: FailureOptions): void {
    this.#injections.push({ ...options, route, left: options.count ?? 1 });
  }

  /** Consumes a matching injection and returns the error to answer with, if any. */
  take(
    method: string,
    route: string,
    params: Record<string, string>,
  ): DiscordHttpError | undefined {
    const injection = this.#injections.find(
      (candidate) =>
        candidate.route === route &&
        candidate.left > 0 &&
        (candidate.method === undefined || candidate.method.toUpperCase() === method) &&
        Object.entries(candidate.params ?? {}).every(([key, value]) => params[key] === value),
    );
    if (!injection) return undefined;
    injection.left--;
    return new DiscordHttpError(injection.status, {
      message: injection.message,
      code: injection.code,
    });
  }

  clear(): void {
    this.#injections.length = 0;
  }
}
