const UNITS: Record<string, number> = {
  s: 1,
  sec: 1,
  second: 1,
  m: 60,
  min: 60,
  minute: 60,
  h: 3600,
  hr: 3600,
  hour: 3600,
  d: 86_400,
  day: 86_400,
  w: 604_800,
  week: 604_800,
};

/** A parsed duration: seconds, or `permanent`. */
export type Duration = { seconds: number } | "permanent";

/**
 * Parses "90s", "30m", "1h", "1h30m", "2 days", "1w" or "permanent"; null when it does not
 * parse. Zero is not a duration.
 */
export function parseDuration(input: string): Duration | null {
  const text = input.trim().toLowerCase();
  if (["permanent", "perm", "forever", "never"].includes(text)) return "permanent";
  let seconds = 0;
  let rest = text;
  for (const m of text.matchAll(/(\d{1,6})\s*([a-z]+)/g)) {
    const unit = UNITS[(m[2] ?? "").replace(/s$/, "")] ?? UNITS[m[2] ?? ""];
    if (unit === undefined) return null;
    seconds += Number(m[1]) * unit;
    rest = rest.replace(m[0], "");
  }
  // Everything must have been a number with a unit: "1h and 5m" or "1.5h" do not parse.
  if (rest.trim() !== "" || seconds <= 0) return null;
  return { seconds };
}

/** "1h 30m", "2d", "45s": the largest two units of a number of seconds. */
export function formatDuration(totalSeconds: number): string {
  const units: [string, number][] = [
    ["d", 86_400],
    ["h", 3600],
    ["m", 60],
    ["s", 1],
  ];
  const parts: string[] = [];
  let rest = Math.max(0, Math.round(totalSeconds));
  for (const [name, size] of units) {
    const count = Math.floor(rest / size);
    if (count > 0 && parts.length < 2) parts.push(`${count}${name}`);
    rest -= count * size;
  }
  return parts.length ? parts.join(" ") : "0s";
}
