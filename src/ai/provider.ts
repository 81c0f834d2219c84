import { type AiGuildSettings, readAiGuildSettings } from "../data/ai/index.ts";
import { GuildKeyError } from "../domain/guild-keys/index.ts";
import { openGuildSecret } from "../guild-keys/index.ts";
import { UserError } from "../interactions/index.ts";
import type { ChatModel, Deps } from "../ports/index.ts";

/** The guild secret field that holds a guild's own provider key. */
export const AI_KEY_FIELD = "ai.api_key";

/** The model an answer will use, and who pays for it. */
export interface ResolvedModel {
  model: ChatModel;
  /** True when the guild brought its own key (the bot's `ai` bucket does not apply). */
  guildKey: boolean;
}

/** AI is not set up on this instance; the message says how to set it up. */
export class AiNotConfiguredError extends UserError {
  constructor(byokAvailable: boolean) {
    super(
      [
        "AI is not set up on this instance.",
        "**Operator:** set `AI_BASE_URL`, `AI_API_KEY` and `AI_MODEL` (any OpenAI-compatible Chat Completions API), or on Cloudflare Workers add the `AI` binding (Workers AI) to the environment in `wrangler.toml`.",
        byokAvailable
          ? "**Server managers:** bring this server's own key with `/ai key set`."
          : "**Server managers:** once the operator sets `GUILD_KEYS_MASTER_KEYS`, a server can bring its own key with `/ai key set`.",
      ].join("\n"),
      "AI is not set up",
    );
  }
}

/** A guild's persona and provider settings; none outside a guild. */
export function settingsFor(deps: Deps, guildId: string | null): Promise<AiGuildSettings> {
  return guildId
    ? readAiGuildSettings(deps.db, guildId)
    : Promise.resolve({ persona: null, provider: null });
}

/**
 * Chooses the model for a request: the guild's own provider when it set one (its key is
 * decrypted for this request only), otherwise the operator's, otherwise a setup message.
 */
export async function resolveModel(
  deps: Deps,
  guildId: string | null,
  settings: AiGuildSettings,
): Promise<ResolvedModel> {
  const provider = settings.provider;
  if (guildId && provider) {
    if (!deps.keyring) {
      throw new UserError(
        "This server has its own AI key, but this instance cannot open it (GUILD_KEYS_MASTER_KEYS is not set). Ask the bot's operator.",
        "AI key unavailable",
      );
    }
    let apiKey: string | null;
    try {
      apiKey = await openGuildSecret(deps.db, await deps.keyring(), guildId, AI_KEY_FIELD);
    } catch (error) {
      if (!(error instanceof GuildKeyError)) throw error;
      deps.log.error("ai.guild_key_unreadable", { guild_id: guildId, kind: error.kind });
      throw new UserError(
        "This server's AI key could not be decrypted. A server manager can set it again with `/ai key set`.",
        "AI key unavailable",
      );
    }
    if (apiKey) {
      return {
        model: deps.ai.guildModel({ baseUrl: provider.baseUrl, apiKey, model: provider.model }),
        guildKey: true,
      };
    }
  }
  if (deps.ai.botModel) return { model: deps.ai.botModel, guildKey: false };
  throw new AiNotConfiguredError(deps.keyring !== null);
}
