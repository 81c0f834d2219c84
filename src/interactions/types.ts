import type {
  APIApplicationCommandAutocompleteInteraction,
  APIApplicationCommandOptionChoice,
  APIChatInputApplicationCommandInteraction,
  APIInteraction,
  APIInteractionGuildMember,
  APIInteractionResponse,
  APIMessageApplicationCommandInteraction,
  APIMessageComponentInteraction,
  APIModalSubmitInteraction,
  APIUser,
  APIUserApplicationCommandInteraction,
  RESTPostAPIApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import type { RateLimitBucket } from "../constants/rate-limits.ts";
import type { Deps, MessageBody } from "../ports/index.ts";
import type { OptionReader } from "./options.ts";

export type { RateLimitBucket } from "../constants/rate-limits.ts";

/** Lets long work show progress while it runs after a deferred response. */
export interface Progress {
  /** Replaces the deferred message (the "thinking…" placeholder) with `body`. */
  edit(body: MessageBody): Promise<void>;
  /** Sends an extra message; returns its id. */
  followUp(body: MessageBody): Promise<string>;
  /** Edits a message sent with {@link followUp}. */
  editFollowUp(messageId: string, body: MessageBody): Promise<void>;
}

/** Work that continues after a deferred response; what it returns becomes the final edit. */
export interface DeferredWork {
  readonly kind: "deferred";
  readonly ephemeral: boolean;
  /** Its result becomes the final edit; null when another process finishes the reply. */
  readonly work: (progress: Progress) => Promise<MessageBody | null>;
}

/** What a handler returns: an immediate response, or work to finish after deferring. */
export type HandlerResult = APIInteractionResponse | DeferredWork;

/** What every handler receives. */
export interface BaseContext<I extends APIInteraction> {
  readonly interaction: I;
  readonly deps: Deps;
  /** The invoking user, in a guild or a DM. */
  readonly user: APIUser;
  readonly guildId: string | null;
  readonly member: APIInteractionGuildMember | null;
}

export interface ChatInputContext extends BaseContext<APIChatInputApplicationCommandInteraction> {
  readonly options: OptionReader;
  /** "undo", "guild block", or null for a command without subcommands. */
  readonly subcommand: string | null;
}

export interface ComponentContext extends BaseContext<APIMessageComponentInteraction> {
  /** The `custom_id` arguments after `<module>:<action>`. */
  readonly args: readonly string[];
}

export interface ModalContext extends BaseContext<APIModalSubmitInteraction> {
  readonly args: readonly string[];
  /** Text input values by `custom_id`. */
  readonly fields: ReadonlyMap<string, string>;
}

export interface AutocompleteContext
  extends BaseContext<APIApplicationCommandAutocompleteInteraction> {
  readonly options: OptionReader;
  readonly subcommand: string | null;
  readonly focused: { name: string; value: string };
}

export type UserCommandContext = BaseContext<APIUserApplicationCommandInteraction>;
export type MessageCommandContext = BaseContext<APIMessageApplicationCommandInteraction>;

export type Handler<C> = (ctx: C) => Promise<HandlerResult> | HandlerResult;

/**
 * One command: its registration JSON and every handler it owns. Component and modal
 * `custom_id`s start with `name`, so presses route back here.
 */
export interface CommandModule {
  readonly name: string;
  readonly bucket: RateLimitBucket;
  /** `management` commands are registered only in MANAGEMENT_GUILD_ID. Default `global`. */
  readonly scope?: "global" | "management";
  /** Allowed in DMs; by default commands answer only inside a guild. */
  readonly worksInDMs?: boolean;
  /** Whether a reply deferred by the 2.5 s watchdog is ephemeral. Default true. */
  readonly deferEphemeral?: boolean;
  /** Registration JSON: the chat-input command and any context-menu commands. */
  readonly definitions: readonly RESTPostAPIApplicationCommandsJSONBody[];
  /** One handler for the whole chat-input command… */
  readonly chatInput?: Handler<ChatInputContext>;
  /** …or one per subcommand path ("undo", "guild block"). */
  readonly subcommands?: Readonly<Record<string, Handler<ChatInputContext>>>;
  /** Context-menu handlers by command name. */
  readonly userCommands?: Readonly<Record<string, Handler<UserCommandContext>>>;
  readonly messageCommands?: Readonly<Record<string, Handler<MessageCommandContext>>>;
  /** Component handlers by action (the part after `<name>:`). */
  readonly components?: Readonly<Record<string, Handler<ComponentContext>>>;
  readonly modals?: Readonly<Record<string, Handler<ModalContext>>>;
  readonly autocomplete?: (
    ctx: AutocompleteContext,
  ) => Promise<APIApplicationCommandOptionChoice[]> | APIApplicationCommandOptionChoice[];
}

/** Identity function that checks a module's shape and keeps its literal types. */
export function defineCommand<M extends CommandModule>(module: M): M {
  return module;
}
