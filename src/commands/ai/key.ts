import { ComponentType, TextInputStyle } from "discord-api-types/v10";
import { checkForm, removeGuildProvider, saveGuildProvider } from "../../ai/index.ts";
import { readAiGuildSettings } from "../../data/ai/index.ts";
import {
  type ChatInputContext,
  COLORS,
  customId,
  defer,
  embed,
  ephemeral,
  type ModalContext,
  modal,
  UserError,
} from "../../interactions/index.ts";
import { requireManageGuild } from "./access.ts";

const FIELDS = { baseUrl: "base_url", apiKey: "api_key", model: "model" } as const;

function requireKeyring(ctx: ChatInputContext | ModalContext): void {
  if (!ctx.deps.keyring) {
    throw new UserError(
      "This instance cannot store server keys: the operator has not set `GUILD_KEYS_MASTER_KEYS`. Nothing was changed.",
      "Keys unavailable",
    );
  }
}

const input = (id: string, label: string, placeholder: string, max: number) => ({
  type: ComponentType.ActionRow as const,
  components: [
    {
      type: ComponentType.TextInput as const,
      custom_id: id,
      label,
      placeholder,
      style: TextInputStyle.Short,
      required: true,
      max_length: max,
    },
  ],
});

/** `/ai key set`: opens the form. The key never travels as a slash-command option. */
export function openKeyForm(ctx: ChatInputContext) {
  requireManageGuild(ctx, "set the server's AI key");
  requireKeyring(ctx);
  return modal({
    custom_id: customId("ai", "key"),
    title: "Server AI provider",
    components: [
      input(FIELDS.baseUrl, "Base URL (OpenAI-compatible)", "https://api.openai.com/v1", 300),
      input(FIELDS.apiKey, "API key", "sk-…", 512),
      input(FIELDS.model, "Model", "gpt-4o-mini", 100),
    ],
  });
}

/** The form's submission: checked, verified with one request, then stored encrypted. */
export function submitKeyForm(ctx: ModalContext) {
  const guildId = requireManageGuild(ctx, "set the server's AI key");
  requireKeyring(ctx);
  const form = checkForm(ctx.deps, {
    baseUrl: ctx.fields.get(FIELDS.baseUrl) ?? "",
    apiKey: ctx.fields.get(FIELDS.apiKey) ?? "",
    model: ctx.fields.get(FIELDS.model) ?? "",
  });
  return defer(async () => {
    await saveGuildProvider(ctx.deps, guildId, ctx.user.id, form);
    return {
      embeds: [
        embed(
          "Server key saved",
          "The key answered, and is stored encrypted. `/ai` in this server now uses it.",
          COLORS.success,
          {
            fields: [
              { name: "Provider", value: form.url.base, inline: false },
              { name: "Model", value: form.model, inline: true },
              { name: "Key", value: `…${form.apiKey.slice(-4)}`, inline: true },
            ],
          },
        ),
      ],
    };
  });
}

/** `/ai key status`: provider, model, last four, who set it and when. */
export async function keyStatus(ctx: ChatInputContext) {
  const guildId = requireManageGuild(ctx, "see the server's AI key");
  const { provider } = await readAiGuildSettings(ctx.deps.db, guildId);
  const bot = ctx.deps.ai.botModel;
  if (!provider) {
    const text = bot
      ? `This server uses the bot's own AI (\`${bot.model}\`), limited by the \`ai\` rate-limit bucket. Bring your own key with \`/ai key set\`.`
      : "This server has no key, and the bot has no AI of its own. Bring your own key with `/ai key set`.";
    return ephemeral({ embeds: [embed("No server key", text, COLORS.info)] });
  }
  return ephemeral({
    embeds: [
      embed("Server AI key", "`/ai` in this server uses its own provider and key.", COLORS.info, {
        fields: [
          { name: "Provider", value: provider.baseUrl, inline: false },
          { name: "Model", value: provider.model, inline: true },
          { name: "Key", value: `…${provider.keyLast4}`, inline: true },
          {
            name: "Set by",
            value: `<@${provider.setBy}> <t:${Math.floor(provider.setAt.getTime() / 1000)}:f>`,
            inline: false,
          },
        ],
      }),
    ],
    allowed_mentions: { parse: [] },
  });
}

/** `/ai key remove`. */
export async function removeKey(ctx: ChatInputContext) {
  const guildId = requireManageGuild(ctx, "remove the server's AI key");
  const removed = await removeGuildProvider(ctx.deps, guildId);
  return ephemeral({
    embeds: [
      removed
        ? embed(
            "Server key removed",
            "The key is deleted. `/ai` uses the bot's own AI, if it has one.",
            COLORS.success,
          )
        : embed(
            "No server key",
            "This server had no key of its own. Nothing was changed.",
            COLORS.info,
          ),
    ],
  });
}
