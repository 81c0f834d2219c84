import {
  type APIInteractionDataResolved,
  type APIUser,
  PermissionFlagsBits as P,
} from "discord-api-types/v10";
import { balanceOf, post } from "../../src/data/economy/ledger.ts";
import { wallet } from "../../src/domain/economy/accounts.ts";
import type { Answer, TestBot } from "../support/bot.ts";
import { userObject } from "../support/interaction-fixtures.ts";
import {
  componentPress,
  DEFAULT_MEMBER_PERMISSIONS,
  type InteractionOptions,
  type OptionInput,
  slashCommand,
} from "../support/interactions.ts";
import { snowflake } from "../support/snowflake.ts";

/** Someone with Manage Server. */
export const ADMIN_PERMISSIONS = DEFAULT_MEMBER_PERMISSIONS | P.ManageGuild;

/** A seeded guild: an admin, ten members, the bot's role and two roles for the shop. */
export interface EconomyScene {
  guildId: string;
  channelId: string;
  adminId: string;
  members: string[];
  roles: { bot: string; below: string; above: string };
}

/** Seeds a fresh guild in the fake Discord (fresh ids: tests share one database). */
export function seedEconomy(bot: TestBot, memberCount = 10): EconomyScene {
  const guildId = snowflake();
  const channelId = snowflake();
  const roles = { bot: snowflake(), below: snowflake(), above: snowflake() };
  const scene: EconomyScene = {
    guildId,
    channelId,
    adminId: snowflake(),
    members: Array.from({ length: memberCount }, () => snowflake()),
    roles,
  };
  bot.discord.addGuild({
    id: guildId,
    ownerId: scene.adminId,
    roles: [
      { id: roles.below, name: "VIP", position: 3, permissions: "0" },
      { id: roles.bot, name: "Chopsticks", position: 10, permissions: P.ManageRoles },
      { id: roles.above, name: "Council", position: 15, permissions: "0" },
    ],
    channels: [{ id: channelId, type: 0, name: "economy" }],
    members: {
      [scene.adminId]: [],
      [bot.discord.botUserId]: [roles.bot],
      ...Object.fromEntries(scene.members.map((id) => [id, []])),
    },
  });
  return scene;
}

/** A user option, with the resolved user Discord sends along. */
export function userOption(id: string, user: Partial<APIUser> = {}) {
  return { type: 6 as const, value: id, user: userObject({ id, ...user }) };
}

type Options = Record<string, OptionInput | ReturnType<typeof userOption>>;

/** What one invocation says: who, where, and with which interaction id. */
export interface Invocation extends InteractionOptions {
  sub?: string;
  group?: string;
}

/** The interaction options of `userId` acting in the scene's channel. */
export function as(scene: EconomyScene, userId: string, extra: InteractionOptions = {}) {
  return {
    guildId: scene.guildId,
    channelId: scene.channelId,
    user: { id: userId },
    memberPermissions: userId === scene.adminId ? ADMIN_PERMISSIONS : DEFAULT_MEMBER_PERMISSIONS,
    ...extra,
  } satisfies InteractionOptions;
}

/** Builds `/name [group] [sub] options…` as `userId`, resolving user options like Discord. */
export function economyCommand(
  scene: EconomyScene,
  userId: string,
  name: string,
  options: Options = {},
  invocation: Invocation = {},
) {
  const users: Record<string, APIUser> = {};
  const plain: Record<string, OptionInput> = {};
  for (const [key, value] of Object.entries(options)) {
    if (typeof value === "object" && "user" in value) {
      users[value.value] = value.user;
      plain[key] = { type: 6, value: value.value };
    } else plain[key] = value;
  }
  const { sub, group, ...rest } = invocation;
  return slashCommand(name, {
    ...as(scene, userId, rest),
    subcommand: sub,
    group,
    options: plain,
    ...(Object.keys(users).length
      ? { resolved: { users } as unknown as APIInteractionDataResolved }
      : {}),
  });
}

/** Runs an economy command through signed HTTP. */
export function run(
  bot: TestBot,
  scene: EconomyScene,
  userId: string,
  name: string,
  options: Options = {},
  invocation: Invocation = {},
): Promise<Answer> {
  return bot.interact(economyCommand(scene, userId, name, options, invocation));
}

/** Presses a button as `userId`. */
export function pressAs(
  bot: TestBot,
  scene: EconomyScene,
  userId: string,
  customId: string,
  extra: InteractionOptions = {},
): Promise<Answer> {
  return bot.interact(componentPress(customId, as(scene, userId, extra)));
}

/** A member's balance, read from Postgres. */
export function balance(bot: TestBot, scene: EconomyScene, userId: string): Promise<bigint> {
  return balanceOf(bot.node.database.db, scene.guildId, wallet(userId));
}

/** Gives members coins straight through the ledger (the commands are tested on their own). */
export async function fund(
  bot: TestBot,
  scene: EconomyScene,
  userIds: readonly string[],
  amount: bigint,
): Promise<void> {
  for (const userId of userIds) {
    await bot.node.database.db.transaction((tx) =>
      post(tx, {
        guildId: scene.guildId,
        key: `fund-${snowflake()}`,
        actorId: null,
        transfers: [{ from: "mint", to: wallet(userId), amount, kind: "grant" }],
      }),
    );
  }
}

/** Whether an answer is an ephemeral message (an error or a private reply). */
export function isEphemeral(answer: Answer): boolean {
  const flags = (answer.body as { data?: { flags?: number } }).data?.flags ?? 0;
  return (flags & 64) === 64;
}
