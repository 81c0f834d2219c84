import type { CommandDiff, FieldChange } from "../../src/domain/command-diff.ts";

const MAX_VALUE_CHARS = 80;
const MAX_CHANGES_SHOWN = 8;

function show(value: unknown): string {
  if (value === undefined) return "(absent)";
  const text = JSON.stringify(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

function describeChange(change: FieldChange): string {
  return `${change.path}: ${show(change.current)} → ${show(change.desired)}`;
}

/** `1 command`, `12 commands`. */
export function commandCount(count: number): string {
  return `${count} command${count === 1 ? "" : "s"}`;
}

/** `1 to add, 2 changed, 9 unchanged`: the counts that are not zero. */
export function countsLine(diff: CommandDiff): string {
  const parts = [
    diff.added.length > 0 ? `${diff.added.length} to add` : "",
    diff.removed.length > 0 ? `${diff.removed.length} to remove` : "",
    diff.changed.length > 0 ? `${diff.changed.length} changed` : "",
    `${diff.unchanged} unchanged`,
  ];
  return parts.filter(Boolean).join(", ");
}

/**
 * The differences, one indented line each: `+ name` is wanted but not on Discord, `- name` on
 * Discord but not wanted, `~ name` differs (then each field, Discord → wanted). `wanted` names
 * where the desired set comes from: the code, or a manifest.
 */
export function differenceLines(diff: CommandDiff, wanted = "code"): string[] {
  const lines = [
    ...diff.added.map((label) => `  + ${label}  (not on Discord)`),
    ...diff.removed.map((label) => `  - ${label}  (on Discord, not in the ${wanted})`),
  ];
  for (const { label, changes } of diff.changed) {
    lines.push(`  ~ ${label}  (Discord → ${wanted})`);
    for (const change of changes.slice(0, MAX_CHANGES_SHOWN)) {
      lines.push(`      ${describeChange(change)}`);
    }
    if (changes.length > MAX_CHANGES_SHOWN) {
      lines.push(`      … and ${changes.length - MAX_CHANGES_SHOWN} more`);
    }
  }
  return lines;
}
