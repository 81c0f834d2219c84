/** The `delete_messages` choices of /massban and the seconds each sends to Discord. */
export const DELETE_MESSAGE_CHOICES = {
  none: { seconds: 0, label: "none" },
  "1h": { seconds: 3600, label: "the last hour" },
  "24h": { seconds: 86_400, label: "the last 24 hours" },
  "7d": { seconds: 604_800, label: "the last 7 days" },
} as const;

export type DeleteMessagesChoice = keyof typeof DELETE_MESSAGE_CHOICES;

/** Reads a choice; null for anything Discord would not have offered. */
export function deleteMessagesChoice(value: string | undefined): DeleteMessagesChoice | null {
  const choice = value ?? "none";
  return Object.hasOwn(DELETE_MESSAGE_CHOICES, choice) ? (choice as DeleteMessagesChoice) : null;
}

/** How a number of seconds reads in a preview ("the last 24 hours"). */
export function deleteMessagesLabel(seconds: number): string {
  const found = Object.values(DELETE_MESSAGE_CHOICES).find((c) => c.seconds === seconds);
  return found?.label ?? `the last ${seconds} s`;
}
