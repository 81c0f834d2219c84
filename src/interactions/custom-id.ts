import { LIMITS } from "../domain/message-limits.ts";

const SEPARATOR = ":";
const PART = /^[\w.\-@]*$/;

/** A parsed `custom_id`: `<module>:<action>[:<arg>...]`. */
export interface CustomId {
  module: string;
  action: string;
  args: string[];
}

/**
 * Builds a `custom_id` owned by `module`. Throws when a part contains the separator or the
 * result exceeds Discord's 100 characters: a button that cannot be routed must never be sent.
 */
export function customId(module: string, action: string, ...args: (string | number)[]): string {
  const parts = [module, action, ...args.map(String)];
  for (const part of parts) {
    if (!PART.test(part)) throw new Error(`custom_id part ${JSON.stringify(part)} is not allowed`);
  }
  const id = parts.join(SEPARATOR);
  if (id.length > LIMITS.customId) {
    throw new Error(`custom_id is ${id.length} characters; Discord allows ${LIMITS.customId}`);
  }
  return id;
}

/** Parses a `custom_id`; null when it is not one of ours. */
export function parseCustomId(id: string): CustomId | null {
  if (id.length === 0 || id.length > LIMITS.customId) return null;
  const [module, action, ...args] = id.split(SEPARATOR);
  if (!module || !action) return null;
  if (![module, action, ...args].every((p) => PART.test(p))) return null;
  return { module, action, args };
}
