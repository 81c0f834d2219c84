import type { APIEmbed } from "discord-api-types/v10";
import { truncate } from "./text.ts";

/** Discord's documented message limits. */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedTotal: 6000,
  customId: 100,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  buttonLabel: 80,
  modalTitle: 45,
} as const;

function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0)
  );
}

/** Clamps one embed to Discord's per-field limits. */
export function clampEmbed(embed: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...embed };
  if (out.title) out.title = truncate(out.title, LIMITS.embedTitle);
  if (out.description) out.description = truncate(out.description, LIMITS.embedDescription);
  if (out.footer)
    out.footer = { ...out.footer, text: truncate(out.footer.text, LIMITS.footerText) };
  if (out.author)
    out.author = { ...out.author, name: truncate(out.author.name, LIMITS.authorName) };
  if (out.fields) {
    out.fields = out.fields.slice(0, LIMITS.embedFields).map((f) => ({
      ...f,
      name: truncate(f.name, LIMITS.fieldName),
      value: truncate(f.value, LIMITS.fieldValue),
    }));
  }
  return out;
}

/**
 * Clamps a list of embeds so the message is accepted: per-field limits, at most ten embeds,
 * and 6000 characters across all of them. The last embed gives way first: its description is
 * shortened, then its trailing fields are dropped, and so on backwards.
 */
export function clampEmbeds(embeds: readonly APIEmbed[]): APIEmbed[] {
  const clamped = embeds.slice(0, LIMITS.embeds).map(clampEmbed);
  let total = clamped.reduce((sum, e) => sum + embedLength(e), 0);
  for (let i = clamped.length - 1; i >= 0 && total > LIMITS.embedTotal; i--) {
    let embed = clamped[i] as APIEmbed;
    const description = embed.description ?? "";
    const keep = description.length - (total - LIMITS.embedTotal);
    const shortened = keep > 1 ? truncate(description, keep) : undefined;
    total -= description.length - (shortened?.length ?? 0);
    embed = { ...embed, description: shortened };
    const fields = [...(embed.fields ?? [])];
    while (total > LIMITS.embedTotal && fields.length > 0) {
      const dropped = fields.pop() as { name: string; value: string };
      total -= dropped.name.length + dropped.value.length;
    }
    clamped[i] = { ...embed, fields };
  }
  return clamped;
}
