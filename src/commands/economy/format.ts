/** `<t:…:f>`: a time every member sees in their own time zone. */
export function discordTime(at: Date | number, style: "f" | "R" | "t" = "f"): string {
  return `<t:${Math.floor(new Date(at).getTime() / 1000)}:${style}>`;
}
