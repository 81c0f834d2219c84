import { describe, expect, it } from "vitest";
import { leastLoadedNode, type NodeLoad } from "../../src/domain/music/node-choice.ts";

const node = (name: string, load: Partial<NodeLoad> = {}): NodeLoad => ({
  name,
  up: true,
  players: 0,
  reportedPlayers: 0,
  cpuLoad: 0,
  ...load,
});

describe("where a new player goes", () => {
  it.each([
    ["the first configured on a tie", [node("a"), node("b")], "a"],
    ["fewest players of ours", [node("a", { players: 3 }), node("b", { players: 2 })], "b"],
    [
      "then fewest players the node reports (other clients share it)",
      [node("a", { reportedPlayers: 40 }), node("b", { reportedPlayers: 10 })],
      "b",
    ],
    [
      "our own count before the node's report (its stats lag up to a minute)",
      [node("a", { players: 1 }), node("b", { players: 2, reportedPlayers: 0 })],
      "a",
    ],
    ["then lowest CPU", [node("a", { cpuLoad: 0.7 }), node("b", { cpuLoad: 0.2 })], "b"],
    ["never a node that is down", [node("a", { up: false }), node("b", { players: 99 })], "b"],
    ["nowhere when every node is down", [node("a", { up: false })], null],
  ])("%s", (_why, nodes, expected) => {
    expect(leastLoadedNode(nodes)).toBe(expected);
  });
});
