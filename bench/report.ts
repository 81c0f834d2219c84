/** One line of a section: what was measured, the figure, and what it is held against. */
export interface Row {
  label: string;
  value: string;
  target?: string;
}

/** Prints a titled section: a short explanation, then the rows as aligned columns. */
export function printSection(title: string, explanation: readonly string[], rows: readonly Row[]) {
  const labelWidth = Math.max(...rows.map((r) => r.label.length));
  const valueWidth = Math.max(...rows.map((r) => r.value.length));
  console.log(`\n${title}`);
  for (const line of explanation) console.log(`  ${line}`);
  console.log("");
  for (const row of rows) {
    const target = row.target ? `   ${row.target}` : "";
    console.log(`  ${row.label.padEnd(labelWidth)}  ${row.value.padStart(valueWidth)}${target}`);
  }
}

/** `12 345` style, no decimals. */
export const count = (n: number) => Math.round(n).toLocaleString("en-US");
export const ms = (n: number) => `${n.toFixed(2)} ms`;
export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
export const ratio = (n: number) => n.toFixed(2);
/** "meets" / "MISSES" for a target check. */
export const verdict = (ok: boolean) => (ok ? "meets" : "MISSES");
