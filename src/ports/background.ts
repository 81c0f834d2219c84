/** Work that continues after the response: `waitUntil` on Workers, tracked promises on Node. */
export interface Background {
  /** Runs `work` after the response; failures are logged with `event`, never swallowed. */
  run(event: string, work: () => Promise<unknown>): void;
}
