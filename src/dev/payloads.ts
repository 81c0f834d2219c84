import {
  type APIApplicationCommandOption,
  ApplicationCommandType,
  ChannelType,
  InteractionType,
  ApplicationCommandOptionType as T,
} from "discord-api-types/v10";
import type { CommandModule } from "../interactions/types.ts";
import type { InvokerContext } from "./playground/view.ts";
import { snowflake } from "./snowflake.ts";

export { snowflake };

/** Who is sending the interaction, and where. */
export interface Invoker {
  userId: string;
  guildId: string | null;
  channelId: string;
  /** The member's permission bitfield, as a decimal string. */
  permissions: string;
  /**
   * The simulated guild as the invoker sees it from `channelId`: when present, roles,
   * `app_permissions`, the channel and resolved options come from it, as Discord fills them.
   */
  context?: InvokerContext;
}

const ALL_PERMISSIONS = String((1n << 51n) - 1n);

function userObject(invoker: Invoker, id: string) {
  const member = invoker.context?.members.find((m) => m.id === id);
  return {
    id,
    username: member?.username ?? (id === invoker.userId ? "playground" : `user_${id.slice(-6)}`),
    global_name: member?.global_name ?? (id === invoker.userId ? "Playground User" : null),
    discriminator: "0",
    avatar: null,
    ...(member?.bot ? { bot: true } : {}),
  };
}

function envelope(type: InteractionType, invoker: Invoker, applicationId: string) {
  const user = userObject(invoker, invoker.userId);
  const channel = invoker.context?.channel;
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
      type: channel?.type ?? (invoker.guildId ? ChannelType.GuildText : ChannelType.DM),
      name: channel?.name ?? "general",
    },
    app_permissions: invoker.context?.appPermissions ?? ALL_PERMISSIONS,
    ...(invoker.guildId
      ? {
          guild_id: invoker.guildId,
          guild_locale: "en-US",
          guild: { id: invoker.guildId, locale: "en-US", features: [] },
          member: {
            user,
            roles: invoker.context?.member?.roles ?? [],
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

type Resolved = Record<
  "channels" | "users" | "members" | "roles" | "attachments",
  Record<string, unknown>
>;

/**
 * Resolves a channel, user, role or mentionable option as Discord does: the value becomes an
 * id and the object goes into `resolved`. Names work too (`#general`, `@ben`, `Moderators`).
 */
function resolveOption(
  option: APIApplicationCommandOption,
  raw: string,
  invoker: Invoker,
  resolved: Resolved,
): string {
  const context = invoker.context;
  const bare = raw.replace(/^<[#@][&!]?|>$/g, "").replace(/^[#@]/, "");
  if (option.type === T.Channel) {
    const channel = context?.channels.find((c) => c.id === bare || c.name === bare);
    const id = channel?.id ?? bare;
    resolved.channels[id] = channel ?? {
      id,
      type: ChannelType.GuildText,
      name: "channel",
      permissions: "0",
    };
    return id;
  }
  const role = context?.roles.find((r) => r.id === bare || r.name === bare);
  if (option.type === T.Role || (option.type === T.Mentionable && role)) {
    const id = role?.id ?? bare;
    resolved.roles[id] = { id, name: role?.name ?? "role", position: role?.position ?? 1 };
    return id;
  }
  const member = context?.members.find((m) => m.id === bare || m.username === bare);
  const id = member?.id ?? bare;
  resolved.users[id] = userObject(invoker, id);
  if (member?.roles) {
    resolved.members[id] = {
      roles: member.roles,
      joined_at: "2024-01-01T00:00:00.000Z",
      permissions: "0",
      flags: 0,
    };
  }
  return id;
}

const RESOLVED_TYPES = new Set([T.Channel, T.User, T.Role, T.Mentionable]);

/** The command `words` name, its subcommand path and the options left to fill. */
function commandShape(modules: readonly CommandModule[], words: readonly string[]) {
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
  return { name, path, available, rest };
}

/** The raw values (local file paths) of the file options in `words`, to upload first. */
export function attachmentOptionValues(
  modules: readonly CommandModule[],
  words: readonly string[],
): string[] {
  const { available, rest } = commandShape(modules, words);
  return rest.flatMap((pair) => {
    const at = pair.indexOf(":");
    const option = available.find((o) => o.name === pair.slice(0, at));
    return option?.type === T.Attachment ? [pair.slice(at + 1)] : [];
  });
}

/**
 * A chat-input interaction from words such as `/ratelimit show guild_id:123`: leading bare
 * words are subcommands, `name:value` pairs are options typed from the registration JSON. A file
 * option's value is looked up in `attachments` (uploaded first, by its raw value).
 */
export function buildCommandInteraction(
  modules: readonly CommandModule[],
  words: readonly string[],
  invoker: Invoker,
  applicationId = "100000000000000001",
  attachments: ReadonlyMap<string, { id: string }> = new Map(),
): Record<string, unknown> {
  const { name, path, available, rest } = commandShape(modules, words);
  const resolved: Resolved = { channels: {}, users: {}, members: {}, roles: {}, attachments: {} };
  const leaves = rest.map((pair) => {
    const at = pair.indexOf(":");
    const key = pair.slice(0, at);
    const raw = pair.slice(at + 1);
    const option = available.find((o) => o.name === key);
    if (!option) throw new Error(`Unknown option ${key}`);
    if (option.type === T.Attachment) {
      const file = attachments.get(raw);
      if (!file) throw new Error(`No file uploaded for ${key}:${raw}`);
      resolved.attachments[file.id] = file;
      return { name: key, type: option.type, value: file.id };
    }
    const value = RESOLVED_TYPES.has(option.type)
      ? resolveOption(option, raw, invoker, resolved)
      : convert(option, raw);
    return { name: key, type: option.type, value };
  });
  let options: unknown[] = leaves;
  for (const level of [...path].reverse())
    options = [{ name: level.name, type: level.type, options }];
  const used = Object.entries(resolved).filter(([, entries]) => Object.keys(entries).length > 0);
  return {
    ...envelope(InteractionType.ApplicationCommand, invoker, applicationId),
    data: {
      id: snowflake(),
      name,
      type: ApplicationCommandType.ChatInput,
      options,
      ...(invoker.guildId ? { guild_id: invoker.guildId } : {}),
      ...(used.length ? { resolved: Object.fromEntries(used) } : {}),
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

type OptionNode = { name: string; options?: OptionNode[]; focused?: boolean };

/**
 * The autocomplete interaction Discord sends while `focused` is being typed into: the command
 * built from the same words, type 4, with that option marked focused (its value as typed so
 * far). Throws when the words set no such option.
 */
export function asAutocomplete(
  command: Record<string, unknown>,
  focused: string,
): Record<string, unknown> {
  const data = command.data as { options?: OptionNode[] };
  const mark = (options: OptionNode[] = []): OptionNode[] =>
    options.map((option) =>
      option.options
        ? { ...option, options: mark(option.options) }
        : option.name === focused
          ? { ...option, focused: true }
          : option,
    );
  const options = mark(data.options);
  if (!JSON.stringify(options).includes('"focused":true'))
    throw new Error(`--complete ${focused}: give it a value to complete, e.g. ${focused}:lofi`);
  return {
    ...command,
    type: InteractionType.ApplicationCommandAutocomplete,
    data: { ...data, options },
  };
}
