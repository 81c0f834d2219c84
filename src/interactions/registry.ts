import {
  type APIInteraction,
  ApplicationCommandType,
  InteractionType,
  type RESTPostAPIApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import type { Deps } from "../ports/index.ts";
import { autocompleteContext, baseContext, chatInputContext, modalFields } from "./context.ts";
import { parseCustomId } from "./custom-id.ts";
import { MalformedInteractionError, UserError } from "./errors.ts";
import { autocompleteChoices } from "./responses.ts";
import type { CommandModule, HandlerResult } from "./types.ts";

export type RouteKind = "command" | "component" | "modal" | "autocomplete";

/** A resolved interaction: the owning module and a thunk that runs its handler. */
export interface Route {
  readonly module: CommandModule;
  readonly kind: RouteKind;
  readonly run: (deps: Deps) => Promise<HandlerResult> | HandlerResult;
}

/** Why an interaction has no handler, in words for the user. */
export interface Unrouted {
  readonly reason: string;
}

/**
 * The list of command modules, indexed for dispatch. The same list produces the
 * registration manifest, so what routes and what is registered cannot drift apart.
 */
export class CommandRegistry {
  private readonly byCommand = new Map<string, CommandModule>();
  private readonly byName = new Map<string, CommandModule>();

  constructor(readonly modules: readonly CommandModule[]) {
    for (const module of modules) {
      if (this.byName.has(module.name)) throw new Error(`duplicate module ${module.name}`);
      this.byName.set(module.name, module);
      for (const definition of module.definitions) {
        const key = commandKey(
          definition.type ?? ApplicationCommandType.ChatInput,
          definition.name,
        );
        if (this.byCommand.has(key)) throw new Error(`duplicate command ${definition.name}`);
        this.byCommand.set(key, module);
      }
    }
  }

  /** Registration JSON for one scope. */
  definitions(scope: "global" | "management"): RESTPostAPIApplicationCommandsJSONBody[] {
    return this.modules
      .filter((m) => (m.scope ?? "global") === scope)
      .flatMap((m) => m.definitions);
  }

  /** Finds the handler for an interaction; throws on a type Discord does not define. */
  route(interaction: APIInteraction): Route | Unrouted {
    switch (interaction.type) {
      case InteractionType.ApplicationCommand:
        return this.routeCommand(interaction);
      case InteractionType.ApplicationCommandAutocomplete: {
        const module = this.byCommand.get(
          commandKey(ApplicationCommandType.ChatInput, interaction.data.name),
        );
        const complete = module?.autocomplete;
        if (!module || !complete)
          return { reason: `Unknown command \`/${interaction.data.name}\`.` };
        return {
          module,
          kind: "autocomplete",
          run: async (deps) =>
            autocompleteChoices(await complete(autocompleteContext(interaction, deps))),
        };
      }
      case InteractionType.MessageComponent: {
        const parsed = parseCustomId(interaction.data.custom_id);
        const module = parsed && this.byName.get(parsed.module);
        const handler = parsed && module?.components?.[parsed.action];
        if (!parsed || !module || !handler)
          return { reason: "This button or menu is no longer supported." };
        return {
          module,
          kind: "component",
          run: (deps) => handler({ ...baseContext(interaction, deps), args: parsed.args }),
        };
      }
      case InteractionType.ModalSubmit: {
        const parsed = parseCustomId(interaction.data.custom_id);
        const module = parsed && this.byName.get(parsed.module);
        const handler = parsed && module?.modals?.[parsed.action];
        if (!parsed || !module || !handler) return { reason: "This form is no longer supported." };
        return {
          module,
          kind: "modal",
          run: (deps) =>
            handler({
              ...baseContext(interaction, deps),
              args: parsed.args,
              fields: modalFields(interaction),
            }),
        };
      }
      default:
        throw new MalformedInteractionError(
          `unknown interaction type ${String((interaction as { type: unknown }).type)}`,
        );
    }
  }

  private routeCommand(
    interaction: APIInteraction & { type: InteractionType.ApplicationCommand },
  ): Route | Unrouted {
    const { data } = interaction;
    const module = this.byCommand.get(commandKey(data.type, data.name));
    const unknown = {
      reason: `Unknown command \`/${data.name}\`. It may have been removed; ask an admin to re-register commands.`,
    };
    if (!module) return unknown;
    const withModule = (run: Route["run"]): Route => ({ module, kind: "command", run });
    switch (data.type) {
      case ApplicationCommandType.ChatInput: {
        const chat = interaction as Parameters<typeof chatInputContext>[0];
        return withModule((deps) => {
          const ctx = chatInputContext(chat, deps);
          const handler =
            (ctx.subcommand && module.subcommands?.[ctx.subcommand]) || module.chatInput;
          if (!handler)
            throw new UserError(`Unknown subcommand \`/${data.name} ${ctx.subcommand ?? ""}\`.`);
          return handler(ctx);
        });
      }
      case ApplicationCommandType.User: {
        const handler = module.userCommands?.[data.name];
        if (!handler) return unknown;
        return withModule((deps) =>
          handler(baseContext(interaction as Parameters<typeof handler>[0]["interaction"], deps)),
        );
      }
      case ApplicationCommandType.Message: {
        const handler = module.messageCommands?.[data.name];
        if (!handler) return unknown;
        return withModule((deps) =>
          handler(baseContext(interaction as Parameters<typeof handler>[0]["interaction"], deps)),
        );
      }
      default:
        return unknown;
    }
  }
}

function commandKey(type: ApplicationCommandType, name: string): string {
  return `${type}:${name}`;
}
