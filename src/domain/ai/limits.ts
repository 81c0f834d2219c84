/** Every AI limit in one place: input sizes, memory, streaming budgets. */
export const AI_LIMITS = {
  /** Longest prompt or chat message accepted. */
  promptChars: 4000,
  /** Longest guild persona (system prompt). */
  personaChars: 1000,
  /** Messages of memory kept per (guild, channel, user). */
  memoryMessages: 20,
  /** Estimated tokens of memory sent with a chat message (persona and new message excluded). */
  memoryTokens: 3000,
  /** Memory is forgotten after this long without use. */
  memoryTtlSeconds: 24 * 60 * 60,
  /** Longest answer requested from a provider. */
  answerTokens: 1500,
  /** The first token must arrive within this long… */
  firstTokenMs: 15_000,
  /** …and the whole answer within this long. */
  totalMs: 90_000,
  /** Where `waitUntil` is cut ~30 s after the response, answers are cut here. */
  shortLivedCutMs: 25_000,
  /** At most one edit of a message per this interval while streaming. */
  editIntervalMs: 1000,
} as const;

/** Why a prompt or persona was refused, in words for the user; null when it is fine. */
export function promptProblem(text: string, what = "prompt"): string | null {
  if (text.trim().length === 0) return `The ${what} is empty. Write something to ask.`;
  if (text.length > AI_LIMITS.promptChars) {
    return `The ${what} is ${text.length} characters long; the limit is ${AI_LIMITS.promptChars}.`;
  }
  return null;
}

/** Why a persona was refused; null when it is fine. */
export function personaProblem(text: string): string | null {
  if (text.trim().length === 0)
    return "The persona is empty. Use `/ai persona clear` to remove it.";
  if (text.length > AI_LIMITS.personaChars) {
    return `The persona is ${text.length} characters long; the limit is ${AI_LIMITS.personaChars}.`;
  }
  return null;
}
