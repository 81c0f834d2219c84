import {
  type APIApplicationCommandInteractionDataBasicOption,
  type APIApplicationCommandInteractionDataOption,
  type APIInteractionDataResolved,
  ApplicationCommandOptionType as T,
} from "discord-api-types/v10";
import { isSnowflake } from "../domain/snowflake.ts";
import { UserError } from "./errors.ts";

const TYPE_NAMES: Partial<Record<T, string>> = {
  [T.String]: "text",
  [T.Integer]: "a whole number",
  [T.Boolean]: "true or false",
  [T.User]: "a user",
  [T.Channel]: "a channel",
  [T.Role]: "a role",
  [T.Mentionable]: "a user or role",
  [T.Number]: "a number",
  [T.Attachment]: "a file",
};

/** The subcommand path ("guild block") and the leaf options of a chat-input command. */
export function flattenOptions(
  options: readonly APIApplicationCommandInteractionDataOption[] = [],
): {
  subcommand: string | null;
  leaves: APIApplicationCommandInteractionDataBasicOption[];
} {
  const path: string[] = [];
  let current = options;
  for (;;) {
    const first = current[0];
    if (first && (first.type === T.SubcommandGroup || first.type === T.Subcommand)) {
      path.push(first.name);
      current = first.options ?? [];
      continue;
    }
    return {
      subcommand: path.length ? path.join(" ") : null,
      leaves: current as APIApplicationCommandInteractionDataBasicOption[],
    };
  }
}

/** A channel or user the interaction resolved for us. */
export interface ResolvedChannel {
  id: string;
  type: number;
  name?: string | null;
}

/** A file the user attached, as Discord resolved it (the bytes stay on its CDN). */
export interface ResolvedAttachment {
  id: string;
  filename: string;
  /** Bytes, as Discord reports them. */
  size: number;
  url: string;
  contentType: string | null;
}

/** What each option kind reads as. */
export interface OptionKinds {
  string: string;
  integer: number;
  number: number;
  boolean: boolean;
  user: string;
  channel: ResolvedChannel;
  role: string;
  attachment: ResolvedAttachment;
}

const KIND_TYPES: Record<keyof OptionKinds, T> = {
  string: T.String,
  integer: T.Integer,
  number: T.Number,
  boolean: T.Boolean,
  user: T.User,
  channel: T.Channel,
  role: T.Role,
  attachment: T.Attachment,
};

const KIND_CHECKS: Record<keyof OptionKinds, (v: unknown) => boolean> = {
  string: (v) => typeof v === "string",
  integer: (v) => Number.isSafeInteger(v),
  number: (v) => typeof v === "number" && Number.isFinite(v),
  boolean: (v) => typeof v === "boolean",
  user: isSnowflake,
  channel: isSnowflake,
  role: isSnowflake,
  attachment: isSnowflake,
};

/**
 * Typed access to options. A value of the wrong type, or a missing required one, is a
 * {@link UserError}: Discord validates types client-side, so this means a forged or stale request.
 */
export class OptionReader {
  private readonly byName: Map<string, APIApplicationCommandInteractionDataBasicOption>;

  constructor(
    leaves: readonly APIApplicationCommandInteractionDataBasicOption[],
    private readonly resolved: APIInteractionDataResolved | undefined,
  ) {
    this.byName = new Map(leaves.map((o) => [o.name, o]));
  }

  /** The option's value, or undefined when it was not given. */
  get<K extends keyof OptionKinds>(name: string, kind: K): OptionKinds[K] | undefined {
    const option = this.byName.get(name);
    if (!option) return undefined;
    const value = "value" in option ? option.value : undefined;
    if (option.type !== KIND_TYPES[kind] || !KIND_CHECKS[kind](value)) {
      const expected = TYPE_NAMES[KIND_TYPES[kind]] ?? kind;
      throw new UserError(`The option \`${name}\` must be ${expected}.`);
    }
    if (kind === "channel") return this.resolveChannel(name, value as string) as OptionKinds[K];
    if (kind === "attachment")
      return this.resolveAttachment(name, value as string) as OptionKinds[K];
    return value as OptionKinds[K];
  }

  /** The option's value; a missing one is a {@link UserError}. */
  require<K extends keyof OptionKinds>(name: string, kind: K): OptionKinds[K] {
    const value = this.get(name, kind);
    if (value === undefined) throw new UserError(`The option \`${name}\` is required.`);
    return value;
  }

  private resolveAttachment(name: string, id: string): ResolvedAttachment {
    const file = this.resolved?.attachments?.[id];
    if (!file) throw new UserError(`The file in \`${name}\` could not be resolved.`);
    return {
      id,
      filename: file.filename,
      size: file.size,
      url: file.url,
      contentType: file.content_type ?? null,
    };
  }

  private resolveChannel(name: string, id: string): ResolvedChannel {
    const channel = this.resolved?.channels?.[id];
    if (!channel) throw new UserError(`The channel in \`${name}\` could not be resolved.`);
    return { id, type: channel.type, name: channel.name };
  }
}
