import { type APIInteractionDataResolved, PermissionFlagsBits as P } from "discord-api-types/v10";
import { createDiscordApi } from "../../src/adapters/discord/rest.ts";
import type { Deps } from "../../src/ports/index.ts";
import { createRemoteCache } from "../../src/runtime/isolate.ts";
import { openRequestScope } from "../../src/runtime/scope.ts";
import type { Answer, TestBot } from "../support/bot.ts";
import type { JsonObject, SeedChannel, SeedGuild } from "../support/fake-discord.ts";
import {
  componentPress,
  DEFAULT_APP_PERMISSIONS,
  DEFAULT_MEMBER_PERMISSIONS,
  type InteractionOptions,
  type OptionsInput,
  slashCommand,
} from "../support/interactions.ts";
import { snowflake } from "../support/snowflake.ts";

/** A moderator who may massban, lock channels and the server. */
export const MOD_PERMISSIONS =
  DEFAULT_MEMBER_PERMISSIONS | P.BanMembers | P.ManageGuild | P.ManageChannels;
/** Chopsticks with ban, manage server, manage channels and manage roles. */
export const APP_PERMISSIONS = DEFAULT_APP_PERMISSIONS;

/** A seeded guild and the people in it. */
export interface Scene {
  guildId: string;
  ownerId: string;
  moderatorId: string;
  /** Role positions: helper 3, mod 5 (the moderator), bot 10, admin 12. */
  roles: { helper: string; mod: string; bot: string; admin: string };
  channels: SeedChannel[];
}

/** A test clock: real time plus an offset the test moves forward. */
export function testClock() {
  const clock = { offsetMs: 0, now: () => Date.now() + clock.offsetMs };
  return clock;
}

/** Seeds a fresh guild (fresh ids: tests share one database) with the bot and a moderator. */
export function seedGuild(
  bot: TestBot,
  extra: {
    /** Members and their roles (built once the roles exist, when a function). */
    members?: Record<string, string[]> | ((roles: Scene["roles"]) => Record<string, string[]>);
    /** Channels, built once the guild's id and roles exist (overwrites name them). */
    channels?: (guildId: string, roles: Scene["roles"]) => SeedChannel[];
  } = {},
): Scene {
  const guildId = snowflake();
  const roles = { helper: snowflake(), mod: snowflake(), bot: snowflake(), admin: snowflake() };
  const scene: Scene = {
    guildId,
    ownerId: snowflake(),
    moderatorId: snowflake(),
    roles,
    channels: extra.channels?.(guildId, roles) ?? [],
  };
  const seed: SeedGuild = {
    id: guildId,
    ownerId: scene.ownerId,
    roles: [
      { id: roles.helper, position: 3, permissions: "0" },
      { id: roles.mod, position: 5, permissions: MOD_PERMISSIONS },
      {
        id: roles.bot,
        position: 10,
        permissions: P.BanMembers | P.ManageGuild | P.ManageChannels | P.ManageRoles,
      },
      { id: roles.admin, position: 12, permissions: P.Administrator },
    ],
    channels: scene.channels,
    members: {
      [scene.moderatorId]: [roles.mod],
      [bot.discord.botUserId]: [roles.bot],
      ...(typeof extra.members === "function" ? extra.members(roles) : extra.members),
    },
  };
  bot.discord.addGuild(seed);
  return scene;
}

/** Who acts: the scene's moderator unless overridden. */
export function actor(scene: Scene, overrides: InteractionOptions = {}): InteractionOptions {
  return {
    guildId: scene.guildId,
    user: { id: scene.moderatorId, username: "modmin" },
    roles: [scene.roles.mod],
    memberPermissions: MOD_PERMISSIONS,
    appPermissions: APP_PERMISSIONS,
    ...overrides,
  };
}

/** Runs `/name sub` (or `/name group sub`) as the scene's moderator. */
export function command(
  bot: TestBot,
  scene: Scene,
  name: string,
  path: string,
  options: OptionsInput = {},
  who: InteractionOptions & { resolved?: APIInteractionDataResolved } = {},
): Promise<Answer> {
  const parts = path.split(" ");
  const subcommand = parts.pop();
  const { resolved, ...rest } = who;
  return bot.interact(
    slashCommand(name, {
      ...actor(scene, rest),
      group: parts[0],
      subcommand,
      options,
      ...(resolved ? { resolved } : {}),
    }),
  );
}

/** A channel option with the resolved channel Discord sends with it. */
export function channelOption(id: string, type: number, permissions = MOD_PERMISSIONS) {
  return {
    option: { type: 7, value: id } as const,
    resolved: {
      channels: {
        [id]: { id, type, name: `ch-${id.slice(-4)}`, permissions: String(permissions) },
      },
    } as unknown as APIInteractionDataResolved,
  };
}

/** Presses a button as the scene's moderator (or `who`). */
export function press(bot: TestBot, scene: Scene, customId: string, who: InteractionOptions = {}) {
  return bot.interact(componentPress(customId, actor(scene, who)));
}

type Message = {
  content?: string;
  flags?: number;
  embeds?: {
    title?: string;
    description?: string;
    fields?: { name: string; value: string }[];
    footer?: { text: string };
  }[];
  components?: { components?: { custom_id?: string; label?: string }[] }[];
};

/** The message an interaction token currently shows (after `bot.settle()`). */
export function original(bot: TestBot, token: string): Message {
  return (bot.discord.state.interactionMessages(token).original ?? {}) as Message;
}

/** Title, description, fields and footer of a message's (or an answer's) embeds, as one string. */
export function textOf(message: Message | Answer | JsonObject | undefined): string {
  const m = (message && "body" in message ? (message.body as { data?: Message }).data : message) as
    | Message
    | undefined;
  return (m?.embeds ?? [])
    .map((e) =>
      [
        e.title,
        e.description,
        ...(e.fields ?? []).map((f) => `${f.name}: ${f.value}`),
        e.footer?.text,
      ]
        .filter((part) => part !== undefined)
        .join("\n"),
    )
    .join("\n");
}

/** The custom ids of a message's buttons, in order. */
export function buttonIds(message: Message): string[] {
  return (message.components ?? []).flatMap((row) =>
    (row.components ?? []).map((c) => c.custom_id ?? ""),
  );
}

/** Bodies of the edits made through `token`, in order. */
export function editsOf(bot: TestBot, token: string): Message[] {
  return bot.discord
    .callsTo("/webhooks/:app/:token/messages/@original", "PATCH")
    .filter((call) => call.params.token === token)
    .map((call) => call.body as Message);
}

/** Calls to a route of one guild or channel (`params.id`). */
export function callsFor(bot: TestBot, route: string, id: string, method?: string) {
  return bot.discord.callsTo(route, method).filter((call) => call.params.id === id);
}

/** `n` fresh user ids. */
export function userIds(n: number): string[] {
  return Array.from({ length: n }, () => snowflake());
}

/**
 * Request-scoped dependencies like the cron trigger gets, for calling a job function directly;
 * `done()` waits for the work it scheduled after the "response" (modlog posts).
 */
export function jobDeps(bot: TestBot): { deps: Deps; done: () => Promise<void> } {
  const { isolate, database } = bot.node;
  let keepAlive: Promise<void> = Promise.resolve();
  const scope = openRequestScope(
    isolate,
    {
      database,
      remote: createRemoteCache(isolate.config),
      discord: createDiscordApi({
        apiBase: bot.discord.apiBase,
        applicationId: bot.applicationId,
        token: bot.botToken,
      }),
    },
    (work) => {
      keepAlive = work;
    },
  );
  return {
    deps: scope.deps,
    done: async () => {
      scope.finish();
      await keepAlive;
    },
  };
}

/** `n` text channels with @everyone overwrites of every shape (absent, allow, deny, both). */
export function manyChannels(guildId: string, n: number, otherRole: string): SeedChannel[] {
  const shapes = [
    null,
    { allow: String(P.SendMessages | P.AttachFiles), deny: "0" },
    { allow: "0", deny: String(P.EmbedLinks) },
    { allow: String(P.AddReactions), deny: String(P.MentionEveryone | P.SendMessagesInThreads) },
  ];
  return Array.from({ length: n }, (_, i) => {
    const shape = shapes[i % shapes.length];
    const overwrites = [];
    if (i % 5 === 0) overwrites.push({ id: otherRole, type: 0 as const, allow: "2048", deny: "0" });
    if (shape) overwrites.push({ id: guildId, type: 0 as const, ...shape });
    return {
      id: snowflake(),
      type: i % 6 === 0 ? 5 : 0,
      name: `ch-${i}`,
      permission_overwrites: overwrites,
    };
  });
}
