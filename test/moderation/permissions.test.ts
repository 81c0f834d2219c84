import { PermissionFlagsBits as P } from "discord-api-types/v10";
import { describe, expect, it } from "vitest";
import {
  channelPermissions,
  missingPermissions,
  type PermissionSubject,
  permissionRefusal,
} from "../../src/domain/moderation/index.ts";

const bits = (...flags: bigint[]) => flags.reduce((a, b) => a | b, 0n).toString();

describe("missingPermissions", () => {
  it.each([
    ["has both", bits(P.BanMembers, P.ManageGuild), []],
    ["lacks one", bits(P.BanMembers), ["Manage Server"]],
    ["lacks both, in the order asked", bits(P.SendMessages), ["Ban Members", "Manage Server"]],
    ["administrator implies all", bits(P.Administrator), []],
    ["garbage reads as nothing", "not-a-number", ["Ban Members", "Manage Server"]],
    ["absent reads as nothing", undefined, ["Ban Members", "Manage Server"]],
  ] as const)("%s", (_name, bitfield, expected) => {
    expect(missingPermissions(bitfield, [P.BanMembers, P.ManageGuild])).toEqual(expected);
  });
});

describe("permissionRefusal", () => {
  const required = { member: [P.BanMembers, P.ManageGuild], app: [P.BanMembers, P.ManageGuild] };
  it.each([
    ["both fine", bits(P.BanMembers, P.ManageGuild), bits(P.Administrator), null],
    [
      "member only",
      bits(P.BanMembers),
      bits(P.Administrator),
      /^You need \*\*Manage Server\*\* to do this\.$/,
    ],
    [
      "app only",
      bits(P.Administrator),
      bits(P.ManageGuild),
      /^Chopsticks is missing \*\*Ban Members\*\* here/,
    ],
    [
      "both, on separate lines",
      "0",
      "0",
      /You need \*\*Ban Members\*\* and \*\*Manage Server\*\*.*\nChopsticks is missing \*\*Ban Members\*\* and \*\*Manage Server\*\*/s,
    ],
  ])("%s", (_name, member, app, expected) => {
    const refusal = permissionRefusal({ member, app }, required);
    if (expected === null) expect(refusal).toBeNull();
    else expect(refusal).toMatch(expected);
  });
});

describe("channelPermissions", () => {
  const guildId = "200000000000000000";
  const subject: PermissionSubject = {
    guildId,
    ownerId: "200000000000000009",
    roles: [
      { id: guildId, permissions: bits(P.ViewChannel, P.SendMessages) },
      { id: "r-mod", permissions: bits(P.ManageChannels, P.ManageRoles) },
      { id: "r-other", permissions: "0" },
    ],
    userId: "200000000000000001",
    memberRoles: ["r-mod", "r-other"],
  };
  const view = P.ViewChannel;

  it.each([
    ["no overwrites: base permissions", [], true],
    [
      "@everyone deny hides the channel",
      [{ id: guildId, type: 0, allow: "0", deny: bits(view) }],
      false,
    ],
    [
      "a role allow beats the @everyone deny",
      [
        { id: guildId, type: 0, allow: "0", deny: bits(view) },
        { id: "r-other", type: 0, allow: bits(view), deny: "0" },
      ],
      true,
    ],
    [
      "role allow wins over another role's deny",
      [
        { id: "r-mod", type: 0, allow: "0", deny: bits(view) },
        { id: "r-other", type: 0, allow: bits(view), deny: "0" },
      ],
      true,
    ],
    [
      "the member overwrite has the last word",
      [
        { id: "r-other", type: 0, allow: bits(view), deny: "0" },
        { id: subject.userId, type: 1, allow: "0", deny: bits(view) },
      ],
      false,
    ],
  ] as const)("%s", (_name, overwrites, canView) => {
    const result = channelPermissions(subject, overwrites);
    expect((result & view) === view).toBe(canView);
  });

  it("administrators and the owner ignore overwrites", () => {
    const denyAll = [{ id: guildId, type: 0, allow: "0", deny: bits(view) }];
    const admin = {
      ...subject,
      roles: [...subject.roles, { id: "r-admin", permissions: bits(P.Administrator) }],
      memberRoles: ["r-admin"],
    };
    expect(channelPermissions(admin, denyAll) & view).toBe(view);
    expect(channelPermissions({ ...subject, userId: subject.ownerId }, denyAll) & view).toBe(view);
  });
});
