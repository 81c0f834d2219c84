/** A target that was not banned (or unbanned), and why. */
export interface Failure {
  id: string;
  reason: string;
}

/** What one chunk of a massban did. */
export interface ChunkOutcome {
  banned: string[];
  failed: Failure[];
}

/** Discord's code for a bulk ban in which nobody could be banned. */
export const NOBODY_BANNED_CODE = 500000;

/** Why Discord lists a user in `failed_users` (it gives no reason of its own). */
export const REFUSED = "Discord refused: not bannable or already banned";

/** What a failed bulk-ban call means for its chunk. */
export type ChunkError =
  | { kind: "nobody-banned" }
  /** Discord answered: nothing in the chunk was banned. */
  | { kind: "refused"; message: string }
  /** No answer, or a server error: some of the chunk may have been banned. */
  | { kind: "unknown"; message: string };

/** Classifies a failed call by its HTTP status (0 = no answer) and Discord code. */
export function classifyChunkError(
  status: number,
  code: number | null,
  message: string,
): ChunkError {
  if (code === NOBODY_BANNED_CODE) return { kind: "nobody-banned" };
  if (status >= 400 && status < 500) return { kind: "refused", message };
  return { kind: "unknown", message };
}

/** The outcome of a chunk Discord answered: `banned_users`, and every other id failed. */
export function outcomeOfResult(
  chunk: readonly string[],
  result: { banned: readonly string[]; failed: readonly string[] },
): ChunkOutcome {
  const banned = new Set(result.banned);
  return {
    banned: chunk.filter((id) => banned.has(id)),
    failed: chunk.filter((id) => !banned.has(id)).map((id) => ({ id, reason: REFUSED })),
  };
}

/** The outcome of a chunk whose call failed with a definite answer. */
export function outcomeOfError(chunk: readonly string[], error: ChunkError): ChunkOutcome {
  const reason = error.kind === "nobody-banned" ? REFUSED : error.message;
  return { banned: [], failed: chunk.map((id) => ({ id, reason })) };
}

/** The audit-log marker of a case; a ban whose reason carries it was made by that case. */
export function caseMarker(caseNumber: number): string {
  return `[case #${caseNumber}]`;
}

/** True when a ban's audit-log reason shows it was made by `caseNumber`. */
export function bannedByCase(reason: string | null | undefined, caseNumber: number): boolean {
  return typeof reason === "string" && reason.startsWith(caseMarker(caseNumber));
}

/** Discord caps `X-Audit-Log-Reason` at 512 characters. */
export const AUDIT_REASON_MAX = 512;

/** `[case #n] <what> by <name> (<id>): <reason>`, cut to Discord's limit; no marker without a case. */
export function auditReason(
  caseNumber: number | null,
  what: string,
  moderator: { id: string; name: string },
  reason: string | null,
): string {
  const marker = caseNumber === null ? "" : `${caseMarker(caseNumber)} `;
  const text = `${marker}${what} by ${moderator.name} (${moderator.id})${reason ? `: ${reason}` : ""}`;
  return text.length <= AUDIT_REASON_MAX ? text : `${text.slice(0, AUDIT_REASON_MAX - 1)}…`;
}
