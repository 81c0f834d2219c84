/** What ioredis' `callBuffer` can resolve with (errors appear nested in EXEC and Lua replies). */
export type RedisReply = Buffer | string | number | bigint | null | Error | RedisReply[];

/** JSON value of an Upstash `result`. */
export type UpstashResult = string | number | null | UpstashResult[];

/**
 * Maps a raw Redis reply to the JSON `result` Upstash sends. With `base64` (request header
 * `Upstash-Encoding: base64`) every string is base64-encoded, recursively, except a top-level
 * `OK`: @upstash/redis leaves a bare "OK" undecoded but decodes every string inside arrays.
 * Numbers and nulls pass through; a nested error becomes its message.
 */
export function encodeReply(reply: RedisReply, base64: boolean, topLevel = true): UpstashResult {
  if (reply === null || reply === undefined) return null;
  if (typeof reply === "number") return reply;
  if (typeof reply === "bigint") return Number(reply);
  if (Array.isArray(reply)) return reply.map((item) => encodeReply(item, base64, false));
  if (reply instanceof Error) return reply.message;
  const bytes = typeof reply === "string" ? Buffer.from(reply, "utf8") : reply;
  if (!base64) return bytes.toString("utf8");
  if (topLevel && bytes.length === 2 && bytes.toString("latin1") === "OK") return "OK";
  return bytes.toString("base64");
}
