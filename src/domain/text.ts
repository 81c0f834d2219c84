/** Shortens `text` to at most `max` characters, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return max <= 1 ? text.slice(0, max) : `${text.slice(0, max - 1)}…`;
}

/** Joins lines, dropping whole lines from the end (with a note) to stay within `max`. */
export function joinLinesWithin(lines: readonly string[], max: number): string {
  let out = "";
  for (let i = 0; i < lines.length; i++) {
    const next = out ? `${out}\n${lines[i]}` : (lines[i] ?? "");
    const rest = lines.length - i - 1;
    const note = rest > 0 ? `\n…and ${rest} more` : "";
    if (next.length + note.length > max) {
      const left = lines.length - i;
      return truncate(`${out}\n…and ${left} more`.trimStart(), max);
    }
    out = next;
  }
  return out;
}
