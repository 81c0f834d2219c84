import type {
  APIApplicationCommandAutocompleteInteraction,
  APIApplicationCommandInteractionDataBasicOption,
  APIChatInputApplicationCommandInteraction,
  APIInteractionDataResolved,
  APIMessage,
  APIMessageApplicationCommandInteraction,
  APIMessageComponentInteraction,
  APIModalSubmissionComponent,
  APIModalSubmitInteraction,
  APIPingInteraction,
  APIUser,
  APIUserApplicationCommandInteraction,
} from "discord-api-types/v10";
import {
  DEFAULT_IDS,
  DEFAULT_MEMBER_PERMISSIONS,
  type InteractionOptions,
  interactionBase,
  memberObject,
  messageObject,
  randomInteractionToken,
  userObject,
} from "./interaction-fixtures.ts";
import { basicOptions, nestOptions, type OptionsInput } from "./interaction-options.ts";
import { snowflake } from "./snowflake.ts";

export type { InteractionOptions } from "./interaction-fixtures.ts";
export {
  DEFAULT_APP_PERMISSIONS,
  DEFAULT_IDS,
  DEFAULT_MEMBER_PERMISSIONS,
} from "./interaction-fixtures.ts";
export type { OptionInput, OptionsInput } from "./interaction-options.ts";

/** Options of {@link slashCommand}. */
export interface SlashCommandOptions extends InteractionOptions {
  /** By name, or already in Discord's array form. */
  options?: OptionsInput;
  subcommand?: string;
  group?: string;
  resolved?: APIInteractionDataResolved;
  /** The registered command's id; default a fresh snowflake. */
  commandId?: string;
}

/** A chat-input (slash) command interaction, in a guild unless `guildId: null`. */
export function slashCommand(
  name: string,
  options: SlashCommandOptions = {},
): APIChatInputApplicationCommandInteraction {
  const base = interactionBase(options);
  const nested = nestOptions(options.options, options.subcommand, options.group);
  return {
    ...base,
    type: 2,
    data: {
      id: options.commandId ?? snowflake(),
      name,
      type: 1,
      ...(nested.length > 0 ? { options: nested } : {}),
      ...(options.resolved ? { resolved: options.resolved } : {}),
    },
  };
}

/** The option being typed into during autocomplete. */
export interface FocusedOption {
  name: string;
  value: string;
  /** Option type; default 3 (string). */
  type?: 3 | 4 | 10;
}

/** An autocomplete interaction for `name`, with `focused` being typed and other options set. */
export function autocomplete(
  name: string,
  focused: FocusedOption,
  options: SlashCommandOptions = {},
): APIApplicationCommandAutocompleteInteraction {
  const others = basicOptions(options.options);
  const focusedOption = {
    name: focused.name,
    type: focused.type ?? 3,
    value: focused.value,
    focused: true,
  };
  const all = [...others, focusedOption] as APIApplicationCommandInteractionDataBasicOption[];
  const base = interactionBase(options);
  return {
    ...base,
    type: 4,
    data: {
      id: options.commandId ?? snowflake(),
      name,
      type: 1,
      options: nestOptions(all, options.subcommand, options.group),
    },
  } as APIApplicationCommandAutocompleteInteraction;
}

/** Options of {@link componentPress}. */
export interface ComponentPressOptions extends InteractionOptions {
  /** The message carrying the component (merged over a default message from the app). */
  message?: Partial<APIMessage>;
  /** Selected values: makes it a select interaction. */
  values?: string[];
  /** Component type; default 2 (button), or 3 (string select) when `values` is given. */
  componentType?: 2 | 3 | 5 | 6 | 7 | 8;
  resolved?: APIInteractionDataResolved;
}

/** A button press or select-menu choice on a message the app sent. */
export function componentPress(
  customId: string,
  options: ComponentPressOptions = {},
): APIMessageComponentInteraction {
  const base = interactionBase(options);
  const componentType = options.componentType ?? (options.values ? 3 : 2);
  return {
    ...base,
    type: 3,
    message: messageObject({
      channel_id: base.channel_id,
      application_id: base.application_id,
      ...options.message,
    }),
    data: {
      custom_id: customId,
      component_type: componentType,
      ...(options.values ? { values: options.values } : {}),
      ...(options.resolved ? { resolved: options.resolved } : {}),
    },
  } as APIMessageComponentInteraction;
}

/** Options of {@link modalSubmit}. */
export interface ModalSubmitOptions extends InteractionOptions {
  /** `row` (default): classic action rows of text inputs; `label`: label components (type 18). */
  layout?: "row" | "label";
}

/** A modal submission; `fields` maps each input's custom_id to its value (array = select). */
export function modalSubmit(
  customId: string,
  fields: Record<string, string | string[]>,
  options: ModalSubmitOptions = {},
): APIModalSubmitInteraction {
  let id = 0;
  const components = Object.entries(fields).map(([fieldId, value]): APIModalSubmissionComponent => {
    const input =
      typeof value === "string"
        ? { type: 4 as const, id: ++id, custom_id: fieldId, value }
        : { type: 3 as const, id: ++id, custom_id: fieldId, values: value };
    if (options.layout === "label") return { type: 18, id: ++id, component: input };
    if (input.type !== 4) throw new Error(`select values need layout "label" (field ${fieldId})`);
    return { type: 1, id: ++id, components: [input] };
  });
  return { ...interactionBase(options), type: 5, data: { custom_id: customId, components } };
}

/** A user context-menu command on `target`. */
export function userCommand(
  name: string,
  target: Partial<APIUser> & { id: string },
  options: InteractionOptions & { targetRoles?: string[] } = {},
): APIUserApplicationCommandInteraction {
  const base = interactionBase(options);
  const user = userObject(target);
  const { user: _user, ...member } = memberObject(
    user,
    options.targetRoles ?? [],
    DEFAULT_MEMBER_PERMISSIONS,
  );
  return {
    ...base,
    type: 2,
    data: {
      id: snowflake(),
      name,
      type: 2,
      target_id: user.id,
      resolved: {
        users: { [user.id]: user },
        ...("guild_id" in base ? { members: { [user.id]: member } } : {}),
      },
    },
  };
}

/** A message context-menu command on `target` (merged over a default message). */
export function messageCommand(
  name: string,
  target: Partial<APIMessage> = {},
  options: InteractionOptions = {},
): APIMessageApplicationCommandInteraction {
  const base = interactionBase(options);
  const message = messageObject({
    type: 0,
    author: userObject({ id: snowflake() }),
    channel_id: base.channel_id,
    webhook_id: undefined,
    application_id: undefined,
    ...target,
  });
  return {
    ...base,
    type: 2,
    data: {
      id: snowflake(),
      name,
      type: 3,
      target_id: message.id,
      resolved: { messages: { [message.id]: message } },
    },
  };
}

/** Discord's endpoint check: a PING the app must answer with a PONG. */
export function ping(options: { applicationId?: string; token?: string } = {}): APIPingInteraction {
  return {
    id: snowflake(),
    application_id: options.applicationId ?? DEFAULT_IDS.applicationId,
    type: 1,
    token: options.token ?? randomInteractionToken(),
    version: 1,
    app_permissions: "0",
    entitlements: [],
    authorizing_integration_owners: {},
    attachment_size_limit: 10 * 1024 * 1024,
    user: userObject({ id: "643945264868098049", username: "discord", system: true }),
  };
}
