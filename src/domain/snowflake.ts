/** Discord ids are 17 to 20 digit decimal strings. */
export function isSnowflake(value: unknown): value is string {
  return typeof value === "string" && /^\d{17,20}$/.test(value);
}

/** Discord's epoch (2015-01-01T00:00:00Z) in ms since 1970. */
const DISCORD_EPOCH = 1420070400000n;

/** The creation time (ms since 1970) a snowflake encodes. */
export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}
