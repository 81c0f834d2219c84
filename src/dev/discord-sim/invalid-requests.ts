/** Discord bans (at Cloudflare) a client with this many invalid requests in ten minutes. */
export const INVALID_REQUEST_BAN = 10_000;
const WINDOW_MS = 10 * 60_000;

/**
 * Discord's invalid-request ledger: 401, 403 and 429 answers count (a 429 of `shared` scope
 * does not), per ten-minute window. At {@link INVALID_REQUEST_BAN} the client is banned for
 * the rest of the window: every call answers 429 without reaching a route.
 */
export class InvalidRequests {
  #windowStart = 0;
  #count = 0;
  #total = 0;

  /** Records one answer. */
  record(status: number, scope: string | undefined): void {
    if (status !== 401 && status !== 403 && status !== 429) return;
    if (status === 429 && scope === "shared") return;
    this.#roll();
    this.#count++;
    this.#total++;
  }

  /** True once this window's count reached the ban. */
  get banned(): boolean {
    this.#roll();
    return this.#count >= INVALID_REQUEST_BAN;
  }

  /** Invalid requests in the current ten-minute window. */
  get inWindow(): number {
    this.#roll();
    return this.#count;
  }

  /** Invalid requests since the start (or the last `clear()`). */
  get total(): number {
    return this.#total;
  }

  clear(): void {
    this.#windowStart = 0;
    this.#count = 0;
    this.#total = 0;
  }

  #roll(): void {
    const now = Date.now();
    if (now - this.#windowStart >= WINDOW_MS) {
      this.#windowStart = now;
      this.#count = 0;
    }
  }
}
