import type { APIEmbed } from "discord-api-types/v10";

interface MessageLike {
  content?: string;
  embeds?: APIEmbed[];
  components?: {
    components?: {
      type: number;
      label?: string;
      custom_id?: string;
      disabled?: boolean;
      placeholder?: string;
    }[];
  }[];
  flags?: number;
}

/** Buttons and menus of a message in display order, numbered from 1 for `--press`. */
export function listControls(
  message: MessageLike | Record<string, unknown>,
): { label: string; customId: string; disabled: boolean; type: number }[] {
  return ((message as MessageLike).components ?? []).flatMap((row) =>
    (row.components ?? [])
      .filter((c) => c.custom_id)
      .map((c) => ({
        label: c.label ?? c.placeholder ?? c.custom_id ?? "",
        customId: c.custom_id ?? "",
        disabled: Boolean(c.disabled),
        type: c.type,
      })),
  );
}

/** Names for mentions: `<@id>` → `@name`, `<#id>` → `#name`, `<@&id>` → `@role`. */
export interface MentionNames {
  user(id: string): string | undefined;
  channel(id: string): string | undefined;
  role(id: string): string | undefined;
}

/** Shows mentions by name and `<t:…>` timestamps as UTC times, as Discord's client would. */
export function readable(text: string, names?: MentionNames): string {
  return text
    .replace(/<@!?(\d+)>/g, (raw, id: string) => {
      const name = names?.user(id);
      return name ? `@${name}` : raw;
    })
    .replace(/<#(\d+)>/g, (raw, id: string) => {
      const name = names?.channel(id);
      return name ? `#${name}` : raw;
    })
    .replace(/<@&(\d+)>/g, (raw, id: string) => {
      const name = names?.role(id);
      return name ? `@${name}` : raw;
    })
    .replace(/<t:(\d+)(?::[tTdDfFR])?>/g, (_raw, seconds: string) =>
      new Date(Number(seconds) * 1000).toISOString().replace("T", " ").slice(0, 19).concat(" UTC"),
    );
}

/** A message as readable terminal text: content, embeds, then numbered controls. */
export function renderMessage(
  input: MessageLike | Record<string, unknown>,
  names?: MentionNames,
): string {
  const message = input as MessageLike;
  const lines: string[] = [];
  if (message.flags && (message.flags & 64) !== 0) lines.push("(only you can see this)");
  if (message.content) lines.push(message.content);
  for (const embed of message.embeds ?? []) {
    if (embed.title) lines.push(`┃ ${embed.title}`);
    for (const line of (embed.description ?? "").split("\n")) if (line) lines.push(`┃ ${line}`);
    for (const field of embed.fields ?? [])
      lines.push(`┃ ${field.name}: ${field.value.replace(/\n/g, " / ")}`);
    if (embed.footer?.text) lines.push(`┃ — ${embed.footer.text}`);
  }
  const text = readable(lines.join("\n"), names);
  const controls = listControls(message).map(
    (c, i) => `  [${i + 1}] ${c.label}${c.disabled ? " (disabled)" : ""}   (${c.customId})`,
  );
  return [text, ...controls].filter(Boolean).join("\n");
}
