import { snowflake } from "../snowflake.ts";
import type { RecordedCall } from "./simulator.ts";
import type { JsonObject, SimState } from "./state.ts";

/** One audit-log entry as Discord returns it. */
export interface AuditLogEntry {
  id: string;
  user_id: string | null;
  target_id: string | null;
  action_type: number;
  reason?: string;
  options?: JsonObject;
}

/** An entry to add: by anyone, at a given time (ms, default now). */
export type AuditLogSeed = Omit<AuditLogEntry, "id"> & { at?: number };

// Discord's audit-log event numbers (discord-api-types' AuditLogEvent is not loadable in the
// workers pool's global setup, which imports the simulator).
const ACTION = {
  channelUpdate: 11,
  overwriteUpdate: 14,
  overwriteDelete: 15,
  memberKick: 20,
  memberBanAdd: 22,
  memberBanRemove: 23,
  memberUpdate: 24,
} as const;

/** Bot calls Discord writes to the guild's audit log, by `METHOD pattern`. */
const AUDITED: Readonly<Record<string, number>> = {
  "PUT /guilds/:id/bans/:user": ACTION.memberBanAdd,
  "DELETE /guilds/:id/bans/:user": ACTION.memberBanRemove,
  "DELETE /guilds/:id/members/:user": ACTION.memberKick,
  "PATCH /guilds/:id/members/:user": ACTION.memberUpdate,
  // Discord tells create (13) from update by whether the overwrite existed; this logs update.
  "PUT /channels/:id/permissions/:overwrite": ACTION.overwriteUpdate,
  "DELETE /channels/:id/permissions/:overwrite": ACTION.overwriteDelete,
  "PATCH /channels/:id": ACTION.channelUpdate,
};

/** guild id → entries, oldest first; JSON, so it persists with the playground. */
type AuditLogs = Record<string, AuditLogEntry[]>;

const logsOf = (state: SimState) => state.feature<AuditLogs>("audit-log", () => ({}));

/** A guild's entries, oldest first. */
export function auditLogEntries(state: SimState, guildId: string): readonly AuditLogEntry[] {
  return logsOf(state)[guildId] ?? [];
}

/** Adds an entry to a guild's audit log (tests seed other users' actions or older ones). */
export function addAuditLogEntry(
  state: SimState,
  guildId: string,
  seed: AuditLogSeed,
  now: number = Date.now(),
): AuditLogEntry {
  const { at, ...fields } = seed;
  const entry: AuditLogEntry = { id: snowflake(at ?? now), ...fields };
  const logs = logsOf(state);
  const entries = [...(logs[guildId] ?? []), entry];
  entries.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  logs[guildId] = entries;
  return entry;
}

/** Logs what a finished bot call did, as Discord would, with its `X-Audit-Log-Reason`. */
export function recordAuditedCall(state: SimState, call: RecordedCall, botUserId: string): void {
  if (call.status >= 300 || call.route === null) return;
  const base = {
    user_id: botUserId,
    at: call.at,
    ...(call.auditLogReason ? { reason: call.auditLogReason } : {}),
  };
  const { id = "", user, overwrite } = call.params;
  if (call.method === "POST" && call.route === "/guilds/:id/bulk-ban") {
    const banned = (call.response as { banned_users?: string[] }).banned_users ?? [];
    for (const userId of banned) {
      addAuditLogEntry(state, id, { ...base, action_type: ACTION.memberBanAdd, target_id: userId });
    }
    return;
  }
  const action = AUDITED[`${call.method} ${call.route}`];
  if (action === undefined) return;
  const guildId = call.route.startsWith("/channels/") ? state.channels.get(id)?.guildId : id;
  if (!guildId) return;
  const type = String((call.body as JsonObject | undefined)?.type ?? "0");
  addAuditLogEntry(state, guildId, {
    ...base,
    action_type: action,
    target_id: user ?? id,
    ...(overwrite ? { options: { id: overwrite, type } } : {}),
  });
}
