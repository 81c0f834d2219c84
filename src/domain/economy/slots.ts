/** A slot symbol. */
export type SlotSymbol = "cherry" | "lemon" | "bell" | "star" | "diamond" | "seven";

/** How each symbol shows. */
export const SYMBOL_EMOJI: Record<SlotSymbol, string> = {
  cherry: "🍒",
  lemon: "🍋",
  bell: "🔔",
  star: "⭐",
  diamond: "💎",
  seven: "7️⃣",
};

/**
 * Each of the three reels is this strip of 20 stops; reel r stops at (round r's value mod 20).
 * 5 cherries, 5 lemons, 4 bells, 3 stars, 2 diamonds, 1 seven.
 */
export const REEL_STRIP: readonly SlotSymbol[] = [
  "cherry",
  "lemon",
  "bell",
  "cherry",
  "star",
  "lemon",
  "cherry",
  "bell",
  "diamond",
  "lemon",
  "cherry",
  "star",
  "bell",
  "lemon",
  "seven",
  "cherry",
  "bell",
  "star",
  "lemon",
  "diamond",
];

/** Three of a kind pays this many times the bet (stake included). */
export const THREE_OF_A_KIND: Record<SlotSymbol, bigint> = {
  seven: 250n,
  diamond: 100n,
  star: 25n,
  bell: 15n,
  lemon: 8n,
  cherry: 5n,
};
/** Exactly two cherries, anywhere, pays this many times the bet. */
export const TWO_CHERRIES = 3n;

/** The symbols on the payline, from the three reels' values (each below 20). */
export function reelSymbols(values: readonly number[]): SlotSymbol[] {
  return values.map((v) => REEL_STRIP[v % REEL_STRIP.length] as SlotSymbol);
}

/** The multiplier of a payline: three of a kind, two cherries, or nothing. */
export function slotsMultiplier(line: readonly SlotSymbol[]): bigint {
  const [a, b, c] = line;
  if (a && a === b && b === c) return THREE_OF_A_KIND[a];
  if (line.filter((s) => s === "cherry").length === 2) return TWO_CHERRIES;
  return 0n;
}
