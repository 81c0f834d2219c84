/** A roulette bet: an even-money outside bet, or one number (0–36). */
export type RouletteBet =
  | { kind: "red" | "black" | "odd" | "even" | "low" | "high" }
  | { kind: "number"; number: number };

/** A European wheel: 37 pockets, 0 to 36; the pocket is the value mod 37. */
export const POCKETS = 37;

const RED = new Set([1, 3, 5, 7, 9, 12, 14, 16, 18, 19, 21, 23, 25, 27, 30, 32, 34, 36]);
const OUTSIDE = ["red", "black", "odd", "even", "low", "high"] as const;

/** The colour of a pocket. */
export function pocketColor(pocket: number): "green" | "red" | "black" {
  if (pocket === 0) return "green";
  return RED.has(pocket) ? "red" : "black";
}

/** Reads a bet as typed: `red`, `Black`, `17`, `0`…; null when it is none of them. */
export function parseRouletteBet(text: string): RouletteBet | null {
  const word = text.trim().toLowerCase();
  const outside = OUTSIDE.find((kind) => kind === word);
  if (outside) return { kind: outside };
  if (!/^\d{1,2}$/.test(word)) return null;
  const number = Number(word);
  return number <= 36 ? { kind: "number", number } : null;
}

/** How a bet reads in a message. */
export function describeBet(bet: RouletteBet): string {
  if (bet.kind === "number") return `number ${bet.number}`;
  if (bet.kind === "low") return "low (1–18)";
  if (bet.kind === "high") return "high (19–36)";
  return bet.kind;
}

/** Whether a bet wins on a pocket: zero loses every outside bet. */
export function betWins(bet: RouletteBet, pocket: number): boolean {
  if (bet.kind === "number") return pocket === bet.number;
  if (pocket === 0) return false;
  switch (bet.kind) {
    case "red":
    case "black":
      return pocketColor(pocket) === bet.kind;
    case "odd":
      return pocket % 2 === 1;
    case "even":
      return pocket % 2 === 0;
    case "low":
      return pocket <= 18;
    case "high":
      return pocket >= 19;
  }
}

/** The multiplier (stake included): 36× on a number, 2× on an outside bet, else 0. */
export function rouletteMultiplier(bet: RouletteBet, pocket: number): bigint {
  if (!betWins(bet, pocket)) return 0n;
  return bet.kind === "number" ? 36n : 2n;
}

/** Autocomplete suggestions for what has been typed so far (Discord shows at most 25). */
export function suggestBets(typed: string): string[] {
  const prefix = typed.trim().toLowerCase();
  const all = [...OUTSIDE, ...Array.from({ length: 37 }, (_, n) => String(n))];
  return all.filter((bet) => bet.startsWith(prefix)).slice(0, 25);
}
