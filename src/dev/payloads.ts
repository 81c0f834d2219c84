import {
  type APIApplicationCommandOption,
  ApplicationCommandType,
  ChannelType,
  InteractionType,
  ApplicationCommandOptionType as T,
} from "discord-api-types/v10";
import type { CommandModule } from "../interactions/types.ts";

/** Who is sending the interaction, and where. */
export interface Invoker {
  userId: string;
  guildId: string | null;
  channelId: string;
  /** The member's permission bitfield, as a decimal string. */
  permissions: string;
}

let sequence = 0n;
/** A fresh, valid snowflake (time-ordered, unique within the process). */
export function snowflake(): string {
  const ms = BigInt(Date.now()) - 1_420_070_400_000n;
  sequence = (sequence + 1n) & 0xfffn;
  return String((ms << 22n) | (BigInt(process.pid & 0x3ff) << 12n) | sequence);
}

function envelope(type: InteractionType, invoker: Invoker, applicationId: string) {
  const user = {
    id: invoker.userId,
    username: "playground",
    global_name: "Playground User",
    discriminator: "0",
    avatar: null,
  };
  const allPermissions = String((1n << 51n) - 1n);
  return {
    id: snowflake(),
    application_id: applicationId,
    type,
    token: `playground-${crypto.randomUUID()}`,
    version: 1,
    locale: "en-US",
    entitlements: [],
    authorizing_integration_owners: { "0": invoker.guildId ?? "0" },
    context: invoker.guildId ? 0 : 1,
    attachment_size_limit: 10_485_760,
    channel_id: invoker.channelId,
    channel: {
      id: invoker.channelId,
      type: invoker.guildId ? ChannelType.GuildText : ChannelType.DM,
      name: "general",
    },
    app_permissions: allPermissions,
    ...(invoker.guildId
      ? {
          guild_id: invoker.guildId,
          guild_locale: "en-US",
          guild: { id: invoker.guildId, locale: "en-US", features: [] },
          member: {
            user,
            roles: [],
            permissions: invoker.permissions,
            joined_at: "2024-01-01T00:00:00.000Z",
            deaf: false,
            mute: false,
            flags: 0,
          },
        }
      : { user }),
  };
}

function convert(option: APIApplicationCommandOption, raw: string): string | number | boolean {
  switch (option.type) {
    case T.Integer:
      return Number.parseInt(raw, 10);
    case T.Number:
      return Number.parseFloat(raw);
    case T.Boolean:
      return raw === "true" || raw === "yes";
    default:
      return raw;
  }
}

/**
 * A chat-input interaction from words such as `/ratelimit show guild_id:123`: leading bare
 * words are subcommands, `name:value` pairs are options typed from the registration JSON.
 */
export function buildCommandInteraction(
  modules: readonly CommandModule[],
  words: readonly string[],
  invoker: Invoker,
  applicationId = "100000000000000001",
): Record<string, unknown> {
  const name = (words[0] ?? "").replace(/^\//, "");
  const definition = modules
    .flatMap((m) => m.definitions)
    .find(
      (d) =>
        d.name === name &&
        (d.type ?? ApplicationCommandType.ChatInput) === ApplicationCommandType.ChatInput,
    );
  if (!definition) throw new Error(`Unknown command /${name}`);
  let available = ("options" in definition ? definition.options : undefined) ?? [];
  const path: { name: string; type: T }[] = [];
  const rest = words.slice(1);
  while (rest[0] && !rest[0].includes(":")) {
    const sub = available.find(
      (o) => o.name === rest[0] && (o.type === T.Subcommand || o.type === T.SubcommandGroup),
    );
    if (!sub) throw new Error(`Unknown subcommand ${rest[0]} of /${name}`);
    path.push({ name: sub.name, type: sub.type });
    available = ("options" in sub ? sub.options : undefined) ?? [];
    rest.shift();
  }
  const resolvedChannels: Record<string, unknown> = {};
  const leaves = rest.map((pair) => {
    const at = pair.indexOf(":");
    const key = pair.slice(0, at);
    const raw = pair.slice(at + 1);
    const option = available.find((o) => o.name === key);
    if (!option) throw new Error(`Unknown option ${key}`);
    if (option.type === T.Channel)
      resolvedChannels[raw] = {
        id: raw,
        type: ChannelType.GuildText,
        name: "channel",
        permissions: "0",
      };
    return { name: key, type: option.type, value: convert(option, raw) };
  });
  let options: unknown[] = leaves;
  for (const level of [...path].reverse())
    options = [{ name: level.name, type: level.type, options }];
  return {
    ...envelope(InteractionType.ApplicationCommand, invoker, applicationId),
    data: {
      id: snowflake(),
      name,
      type: ApplicationCommandType.ChatInput,
      options,
      ...(invoker.guildId ? { guild_id: invoker.guildId } : {}),
      ...(Object.keys(resolvedChannels).length ? { resolved: { channels: resolvedChannels } } : {}),
    },
  };
}

/** A button press or menu choice on `message`. */
export function buildComponentInteraction(
  customId: string,
  componentType: number,
  message: Record<string, unknown> & { id: string },
  invoker: Invoker,
  values?: string[],
  applicationId = "100000000000000001",
): Record<string, unknown> {
  return {
    ...envelope(InteractionType.MessageComponent, invoker, applicationId),
    message: {
      type: 0,
      channel_id: invoker.channelId,
      content: "",
      embeds: [],
      components: [],
      ...message,
    },
    data: { custom_id: customId, component_type: componentType, ...(values ? { values } : {}) },
  };
}

/** A modal submission with text input values by `custom_id`. */
export function buildModalSubmit(
  customId: string,
  fields: ReadonlyMap<string, string>,
  invoker: Invoker,
  applicationId = "100000000000000001",
): Record<string, unknown> {
  return {
    ...envelope(InteractionType.ModalSubmit, invoker, applicationId),
    data: {
      custom_id: customId,
      components: [...fields].map(([id, value]) => ({
        type: 1,
        components: [{ type: 4, custom_id: id, value }],
      })),
    },
  };
}
