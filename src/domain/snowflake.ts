/** Discord ids are 17 to 20 digit decimal strings. */
export function isSnowflake(value: unknown): value is string {
  return typeof value === "string" && /^\d{17,20}$/.test(value);
}
