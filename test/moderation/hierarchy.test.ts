import { describe, expect, it } from "vitest";
import { type HierarchyInput, partitionTargets } from "../../src/domain/moderation/index.ts";

const ids = {
  invoker: "100000000000000001",
  bot: "100000000000000002",
  owner: "100000000000000003",
  plain: "100000000000000004",
  stranger: "100000000000000005",
  equalToInvoker: "100000000000000006",
  aboveInvoker: "100000000000000007",
  aboveBot: "100000000000000008",
  unknown: "100000000000000009",
};
// Role positions: mod 5 (invoker), bot 10, helper 3, admin 12.
const positions = new Map([
  ["mod", 5],
  ["botRole", 10],
  ["helper", 3],
  ["admin", 12],
]);

function input(overrides: Partial<HierarchyInput> = {}): HierarchyInput {
  return {
    targets: Object.values(ids),
    invokerId: ids.invoker,
    invokerRoles: ["mod"],
    botId: ids.bot,
    botRoles: ["botRole"],
    ownerId: ids.owner,
    rolePositions: positions,
    memberRoles: new Map([
      [ids.plain, ["helper"]],
      [ids.equalToInvoker, ["mod"]],
      [ids.aboveInvoker, ["botRole"]],
      [ids.aboveBot, ["admin"]],
    ]),
    unchecked: new Set([ids.unknown]),
    ...overrides,
  };
}

describe("partitionTargets", () => {
  it("bans members below both and non-members; lists every skip with its reason", () => {
    const { ban, skipped } = partitionTargets(input());
    expect(ban).toEqual([ids.plain, ids.stranger]);
    expect(skipped).toEqual([
      { id: ids.invoker, reason: "you" },
      { id: ids.bot, reason: "Chopsticks itself" },
      { id: ids.owner, reason: "server owner" },
      { id: ids.equalToInvoker, reason: "role at or above yours" },
      { id: ids.aboveInvoker, reason: "role at or above yours" },
      { id: ids.aboveBot, reason: "role at or above yours" },
      { id: ids.unknown, reason: "could not check their roles" },
    ]);
  });

  it.each([
    [
      "an owner invoker outranks everyone but the bot's own limit still applies",
      { invokerId: ids.owner, ownerId: ids.owner },
      [ids.invoker, ids.plain, ids.stranger, ids.equalToInvoker],
      {
        [ids.aboveInvoker]: "role at or above Chopsticks' highest role",
        [ids.aboveBot]: "role at or above Chopsticks' highest role",
      },
    ],
    [
      "a bot below the invoker protects members at or above the bot",
      { botRoles: ["helper"], invokerRoles: ["admin"] },
      [ids.stranger],
      {
        [ids.plain]: "role at or above Chopsticks' highest role",
        [ids.aboveBot]: "role at or above yours",
      },
    ],
    [
      "an invoker without roles can only ban non-members",
      { invokerRoles: [] },
      [ids.stranger],
      { [ids.plain]: "role at or above yours" },
    ],
  ])("%s", (_name, overrides, expectedBan, someSkips) => {
    const { ban, skipped } = partitionTargets(input(overrides));
    expect(ban).toEqual(expectedBan);
    const reasons = Object.fromEntries(skipped.map((s) => [s.id, s.reason]));
    expect(reasons).toMatchObject(someSkips);
  });

  it("never bans someone whose roles could not be checked, even as owner", () => {
    const { ban } = partitionTargets(
      input({ invokerId: ids.owner, targets: [ids.unknown], unchecked: new Set([ids.unknown]) }),
    );
    expect(ban).toEqual([]);
  });
});
