import { clearProvider, writeProvider } from "../data/ai/index.ts";
import {
  apiKeyProblem,
  type CheckedProviderUrl,
  checkProviderUrl,
  modelProblem,
} from "../domain/ai/index.ts";
import { removeGuildSecret, sealGuildSecret } from "../guild-keys/index.ts";
import { UserError } from "../interactions/index.ts";
import { withTimeout } from "../platform/timeout.ts";
import { AiProviderError, type Deps } from "../ports/index.ts";
import { AI_KEY_FIELD } from "./provider.ts";

/** How long the one verification request may take. */
const VERIFY_MS = 10_000;

/** What a manager typed into the `/ai key set` form. */
export interface ProviderForm {
  baseUrl: string;
  apiKey: string;
  model: string;
}

/** A form whose fields passed the checks that need no network. */
export interface CheckedForm {
  url: CheckedProviderUrl;
  apiKey: string;
  model: string;
}

const NOT_SAVED = "Nothing was saved.";

/** Checks the form without calling anyone; throws a {@link UserError} naming the problem. */
export function checkForm(deps: Deps, form: ProviderForm): CheckedForm {
  const url = checkProviderUrl(form.baseUrl, deps.ai.allowlist);
  if (!url.ok) throw new UserError(`${url.reason} ${NOT_SAVED}`, "Base URL refused");
  const model = modelProblem(form.model);
  if (model) throw new UserError(`${model} ${NOT_SAVED}`, "Model refused");
  const key = apiKeyProblem(form.apiKey);
  if (key) throw new UserError(`${key} ${NOT_SAVED}`, "API key refused");
  return { url: url.url, apiKey: form.apiKey.trim(), model: form.model.trim() };
}

/**
 * Verifies the key with one cheap request, then seals it with the guild's data key and
 * records the provider, in one transaction. A key that fails verification is never stored;
 * the provider's answer is never shown, only what kind of failure it was.
 */
export async function saveGuildProvider(
  deps: Deps,
  guildId: string,
  setBy: string,
  form: CheckedForm,
): Promise<void> {
  if (!deps.keyring) {
    throw new UserError(
      "This instance cannot store keys: the operator has not set GUILD_KEYS_MASTER_KEYS.",
    );
  }
  const provider = { baseUrl: form.url.base, apiKey: form.apiKey, model: form.model };
  const controller = new AbortController();
  try {
    await withTimeout(
      deps.ai.verifyGuildProvider(provider, controller.signal),
      VERIFY_MS,
      "verification",
    );
  } catch (error) {
    controller.abort();
    if (error instanceof AiProviderError) {
      throw new UserError(`The key did not verify: ${error.message} ${NOT_SAVED}`, "Key not saved");
    }
    if (error instanceof Error && error.name === "TimeoutError") {
      throw new UserError(
        `The provider did not answer within ${VERIFY_MS / 1000} s. ${NOT_SAVED}`,
        "Key not saved",
      );
    }
    throw error;
  }
  const ring = await deps.keyring();
  const now = new Date(deps.clock.now());
  await sealGuildSecret(
    deps.db,
    ring,
    { guildId, field: AI_KEY_FIELD, plaintext: form.apiKey },
    now,
    (tx) =>
      writeProvider(tx, guildId, {
        baseUrl: form.url.base,
        model: form.model,
        keyLast4: form.apiKey.slice(-4),
        setBy,
        setAt: now,
      }),
  );
  deps.log.info("ai.guild_key_set", { guild_id: guildId, set_by: setBy, host: form.url.host });
}

/** Removes the guild's key and provider; true when there was one. */
export async function removeGuildProvider(deps: Deps, guildId: string): Promise<boolean> {
  const removed = await deps.db.transaction(async (tx) => {
    const secret = await removeGuildSecret(tx, guildId, AI_KEY_FIELD);
    const provider = await clearProvider(tx, guildId);
    return secret || provider;
  });
  if (removed) deps.log.info("ai.guild_key_removed", { guild_id: guildId });
  return removed;
}
