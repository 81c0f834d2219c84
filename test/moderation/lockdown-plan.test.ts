import { PermissionFlagsBits as P } from "discord-api-types/v10";
import { describe, expect, it } from "vitest";
import {
  everyoneOverwrite,
  LOCK_BITS,
  lockedOverwrite,
  type PermissionSubject,
  planServerLockdown,
} from "../../src/domain/moderation/index.ts";

const bits = (...flags: bigint[]) => flags.reduce((a, b) => a | b, 0n).toString();
const lock = LOCK_BITS;

describe("lockedOverwrite", () => {
  it.each([
    ["no overwrite", null, { allow: "0", deny: lock.toString() }],
    [
      "allow-only: lock bits leave allow, others stay",
      { allow: bits(P.SendMessages, P.AttachFiles), deny: "0" },
      { allow: bits(P.AttachFiles), deny: lock.toString() },
    ],
    [
      "deny-only: other denies kept",
      { allow: "0", deny: bits(P.ViewChannel) },
      { allow: "0", deny: (lock | P.ViewChannel).toString() },
    ],
    [
      "already denying some lock bits",
      { allow: bits(P.EmbedLinks), deny: bits(P.AddReactions) },
      { allow: bits(P.EmbedLinks), deny: lock.toString() },
    ],
  ])("%s", (_name, saved, expected) => {
    expect(lockedOverwrite(saved)).toEqual(expected);
  });

  it("denies exactly the five documented permissions", () => {
    expect(LOCK_BITS).toBe(
      P.SendMessages |
        P.SendMessagesInThreads |
        P.CreatePublicThreads |
        P.CreatePrivateThreads |
        P.AddReactions,
    );
  });
});

describe("everyoneOverwrite", () => {
  it("reads the guild-id overwrite and ignores others", () => {
    const overwrites = [
      { id: "1", allow: "8", deny: "0" },
      { id: "g", allow: "1024", deny: "2048" },
    ];
    expect(everyoneOverwrite("g", overwrites)).toEqual({ allow: "1024", deny: "2048" });
    expect(everyoneOverwrite("g", [overwrites[0] as (typeof overwrites)[0]])).toBeNull();
    expect(everyoneOverwrite("g", undefined)).toBeNull();
  });
});

describe("planServerLockdown", () => {
  const guildId = "300000000000000000";
  const bot: PermissionSubject = {
    guildId,
    ownerId: "300000000000000009",
    roles: [
      { id: guildId, permissions: bits(P.ViewChannel) },
      { id: "bot", permissions: bits(P.ManageChannels, P.ManageRoles) },
    ],
    userId: "300000000000000001",
    memberRoles: ["bot"],
  };
  const channels = [
    { id: "text", type: 0 },
    {
      id: "news",
      type: 5,
      permission_overwrites: [{ id: guildId, type: 0 as const, allow: "64", deny: "0" }],
    },
    { id: "voice", type: 2 },
    { id: "category", type: 4 },
    {
      id: "hidden",
      type: 0,
      permission_overwrites: [
        { id: guildId, type: 0 as const, allow: "0", deny: bits(P.ViewChannel) },
      ],
    },
    { id: "locked", type: 0 },
  ];

  it("targets manageable text and announcement channels, skipping the rest with reasons", () => {
    const plan = planServerLockdown(bot, channels, new Set(["locked"]));
    expect(plan.targets).toEqual([
      { id: "text", saved: null },
      { id: "news", saved: { allow: "64", deny: "0" } },
    ]);
    expect(plan.skipped).toEqual([
      { id: "hidden", reason: "Chopsticks lacks View Channel" },
      { id: "locked", reason: "already locked" },
    ]);
  });
});
