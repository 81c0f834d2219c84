import { readAiGuildSettings, writePersona } from "../../data/ai/index.ts";
import { personaProblem } from "../../domain/ai/index.ts";
import {
  type ChatInputContext,
  COLORS,
  embed,
  ephemeral,
  UserError,
} from "../../interactions/index.ts";
import { requireManageGuild, serverOf } from "./access.ts";

/** `/ai persona set text:<…>`: the guild's system prompt (Manage Server, ≤ 1000 characters). */
export async function setPersona(ctx: ChatInputContext) {
  const guildId = requireManageGuild(ctx, "set the AI persona");
  const text = ctx.options.require("text", "string");
  const problem = personaProblem(text);
  if (problem) throw new UserError(`${problem} Nothing was changed.`, "Persona not set");
  await writePersona(
    ctx.deps.db,
    guildId,
    text.trim(),
    ctx.user.id,
    new Date(ctx.deps.clock.now()),
  );
  return ephemeral({
    embeds: [
      embed(
        "Persona set",
        `The AI in this server now follows:\n>>> ${text.trim()}`,
        COLORS.success,
      ),
    ],
    allowed_mentions: { parse: [] },
  });
}

/** `/ai persona clear` (Manage Server). */
export async function clearPersona(ctx: ChatInputContext) {
  const guildId = requireManageGuild(ctx, "clear the AI persona");
  await writePersona(ctx.deps.db, guildId, null, ctx.user.id, new Date(ctx.deps.clock.now()));
  return ephemeral({
    embeds: [
      embed("Persona cleared", "The AI answers with its default behaviour.", COLORS.success),
    ],
  });
}

/** `/ai persona show`. */
export async function showPersona(ctx: ChatInputContext) {
  const { persona } = await readAiGuildSettings(ctx.deps.db, serverOf(ctx));
  return ephemeral({
    embeds: [
      persona
        ? embed("Persona", `>>> ${persona}`, COLORS.info)
        : embed(
            "No persona",
            "This server has no persona. Set one with `/ai persona set`.",
            COLORS.info,
          ),
    ],
    allowed_mentions: { parse: [] },
  });
}
