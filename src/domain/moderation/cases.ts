/** What a modlog case records. */
export type CaseAction =
  | "massban"
  | "unban"
  | "lockdown"
  | "unlock"
  | "economy_grant"
  | "economy_take";

const LABELS: Record<CaseAction, string> = {
  massban: "Massban",
  unban: "Massban undo",
  lockdown: "Lockdown",
  unlock: "Unlock",
  economy_grant: "Coins granted",
  economy_take: "Coins taken",
};

/** The heading of a case: "Case #12 — Massban". */
export function caseTitle(number: number, action: string): string {
  return `Case #${number} — ${LABELS[action as CaseAction] ?? action}`;
}

/** Whether a case's targets are channels (lockdowns) rather than users. */
export function targetsAreChannels(action: string): boolean {
  return action === "lockdown" || action === "unlock";
}

/** Mentions of a case's targets: `<@id>` for users, `<#id>` for channels. */
export function mentionTargets(action: string, targets: readonly string[]): string[] {
  return targets.map((id) => (targetsAreChannels(action) ? `<#${id}>` : `<@${id}>`));
}
