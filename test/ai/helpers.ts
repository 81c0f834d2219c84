import { PermissionFlagsBits as P } from "discord-api-types/v10";
import type { Answer, BotOptions, TestBot } from "../support/bot.ts";
import { startBot } from "../support/bot.ts";
import { type FakeAiProvider, startFakeAiProvider } from "../support/fake-ai-provider.ts";
import {
  DEFAULT_MEMBER_PERMISSIONS,
  type InteractionOptions,
  modalSubmit,
  type OptionsInput,
  slashCommand,
} from "../support/interactions.ts";
import { snowflake } from "../support/snowflake.ts";

/** A 32-byte master key in GUILD_KEYS_MASTER_KEYS form. */
export function masterKey(version: string): string {
  return `${version}:${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64")}`;
}

/** A bot whose own AI is the fake provider (model `fake-model`), plus the fake. */
export async function startAiBot(
  options: BotOptions & { ai?: boolean; allowlistFake?: boolean } = {},
): Promise<{ bot: TestBot; provider: FakeAiProvider; masterKeys: string }> {
  const provider = await startFakeAiProvider({
    keys: [`sk-bot-${crypto.randomUUID()}`, `sk-guild-${crypto.randomUUID()}`],
  });
  const masterKeys = masterKey("v1");
  const bot = await startBot({
    ...options,
    env: {
      ...(options.ai === false
        ? {}
        : { AI_BASE_URL: provider.baseUrl, AI_API_KEY: provider.key, AI_MODEL: "fake-model" }),
      GUILD_KEYS_MASTER_KEYS: masterKeys,
      ...(options.allowlistFake === false ? {} : { AI_PROVIDER_ALLOWLIST: provider.origin }),
      ...options.env,
    },
  });
  return { bot, provider, masterKeys };
}

/** A member who may manage the server. */
export const MANAGER = DEFAULT_MEMBER_PERMISSIONS | P.ManageGuild;

/** Who asks: a fresh user in a fresh guild and channel unless given. */
export function asker(overrides: InteractionOptions = {}): InteractionOptions {
  return {
    guildId: snowflake(),
    channelId: snowflake(),
    user: { id: snowflake(), username: "asker" },
    ...overrides,
  };
}

/** Runs `/ai <path>` (e.g. `chat`, `persona set`) as `who`. */
export function ai(
  bot: TestBot,
  path: string,
  options: OptionsInput = {},
  who: InteractionOptions = {},
): Promise<Answer> {
  const parts = path.split(" ");
  const subcommand = parts.pop();
  return bot.interact(slashCommand("ai", { ...who, group: parts[0], subcommand, options }));
}

/** Submits the `/ai key set` form as `who`. */
export function submitKey(
  bot: TestBot,
  fields: { base_url: string; api_key: string; model: string },
  who: InteractionOptions,
): Promise<Answer> {
  return bot.interact(modalSubmit("ai:key", fields, who));
}

type Embed = {
  description?: string;
  footer?: { text: string };
  fields?: { name: string; value: string }[];
  title?: string;
  author?: { name: string };
};
type Body = { embeds?: Embed[]; allowed_mentions?: { parse?: string[] }; flags?: number };

/** Every text of a message body: title, author, description, fields, footer. */
export function bodyText(body: unknown): string {
  const embeds = (body as Body | undefined)?.embeds ?? [];
  return embeds
    .flatMap((e) => [
      e.title,
      e.author?.name,
      e.description,
      ...(e.fields ?? []).map((f) => `${f.name}: ${f.value}`),
      e.footer?.text,
    ])
    .filter(Boolean)
    .join("\n");
}

/** The immediate (type 4) answer's text. */
export function answerText(answer: Answer): string {
  return bodyText((answer.body as { data?: unknown }).data);
}

/** Edits of the original response sent with `token`, in order. */
export function editsOf(bot: TestBot, token: string) {
  return bot.discord.calls.filter(
    (c) => c.method === "PATCH" && c.path.includes(`/${token}/messages/@original`),
  );
}

/** Follow-ups created with `token`, in order. */
export function followUpsOf(bot: TestBot, token: string) {
  return bot.discord.calls.filter(
    (c) => c.method === "POST" && c.path.endsWith(`/webhooks/${bot.applicationId}/${token}`),
  );
}

/** What the original response shows now. */
export function originalOf(bot: TestBot, token: string): Body {
  return (bot.discord.state.interactionMessages(token).original ?? {}) as Body;
}

/** What the follow-ups of `token` show now. */
export function followUpBodies(bot: TestBot, token: string): Body[] {
  return bot.discord.state.interactionMessages(token).followups as Body[];
}

/** The flags of an HTTP answer's data (64 = ephemeral), 0 when none. */
export function flagsOf(answer: Answer): number {
  return (answer.body as { data?: { flags?: number } }).data?.flags ?? 0;
}
