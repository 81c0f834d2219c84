import { type APIAuditLogEntry, type APIUser, AuditLogEvent } from "discord-api-types/v10";
import { snowflakeTime } from "../../src/domain/snowflake.ts";

/** What an action's `target_id` points at, by Discord's audit-log event number ranges. */
const TARGET_KINDS: readonly [from: number, to: number, kind: string][] = [
  [1, 1, "guild"],
  [10, 15, "channel"],
  [20, 28, "user"],
  [30, 32, "role"],
  [40, 42, "invite"],
  [50, 52, "webhook"],
  [60, 62, "emoji"],
  [72, 75, "user"],
  [80, 82, "integration"],
  [83, 85, "stage"],
  [90, 92, "sticker"],
  [100, 102, "event"],
  [110, 112, "thread"],
  [121, 121, "command"],
  [140, 147, "automod rule"],
];

/** `MemberBanAdd` for 22; `action 999` for an event this version does not know. */
export function actionName(action: number): string {
  return (AuditLogEvent as unknown as Record<number, string>)[action] ?? `action ${action}`;
}

function targetOf(entry: APIAuditLogEntry, users: ReadonlyMap<string, APIUser>): string {
  if (!entry.target_id) return "—";
  const kind = TARGET_KINDS.find(
    ([from, to]) => entry.action_type >= from && entry.action_type <= to,
  );
  const user = users.get(entry.target_id);
  const name = kind?.[2] === "user" && user ? ` (${user.username})` : "";
  const overwrite = entry.options && "id" in entry.options ? ` overwrite ${entry.options.id}` : "";
  return `${kind?.[2] ?? "target"} ${entry.target_id}${name}${overwrite}`;
}

/** One line per entry: time, action, target, reason. Reasons are folded onto the line. */
export function auditLine(entry: APIAuditLogEntry, users: ReadonlyMap<string, APIUser>): string {
  const time = new Date(snowflakeTime(entry.id)).toISOString().replace(/\.\d{3}Z$/, "Z");
  const reason = entry.reason ? entry.reason.replace(/\s+/g, " ") : "—";
  return `${time}  ${actionName(entry.action_type)}  ${targetOf(entry, users)}  reason: ${reason}`;
}
