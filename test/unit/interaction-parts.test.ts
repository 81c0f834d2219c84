import { ApplicationCommandOptionType as T } from "discord-api-types/v10";
import { describe, expect, it } from "vitest";
import { helpEntries } from "../../src/commands/help.ts";
import { clampEmbeds } from "../../src/domain/message-limits.ts";
import { paginate } from "../../src/domain/paging.ts";
import { customId, parseCustomId } from "../../src/interactions/custom-id.ts";
import { UserError } from "../../src/interactions/errors.ts";
import { flattenOptions, OptionReader } from "../../src/interactions/options.ts";
import { autocompleteChoices } from "../../src/interactions/responses.ts";

describe("custom ids", () => {
  it("round-trips module, action and arguments", () => {
    const id = customId("massban", "confirm", "0b6f6e2e-7f4b-4f6c-9f3e-5c1f2d3e4a5b");
    expect(parseCustomId(id)).toEqual({
      module: "massban",
      action: "confirm",
      args: ["0b6f6e2e-7f4b-4f6c-9f3e-5c1f2d3e4a5b"],
    });
  });

  it("refuses to build one over Discord's 100 characters or with a separator inside a part", () => {
    expect(() => customId("help", "page", "x".repeat(100))).toThrow(/100/);
    expect(() => customId("help", "pa:ge")).toThrow(/not allowed/);
  });

  it.each(["", "help", ":page", "help:", "x".repeat(101), "help:page:a b"])(
    "does not parse %j",
    (id) => {
      expect(parseCustomId(id)).toBeNull();
    },
  );
});

describe("options", () => {
  const options = [
    {
      name: "group",
      type: T.SubcommandGroup,
      options: [
        {
          name: "block",
          type: T.Subcommand,
          options: [
            { name: "n", type: T.Integer, value: 3 },
            { name: "s", type: T.String, value: "x" },
          ],
        },
      ],
    },
  ] as const;

  it("flattens subcommand groups into a path and leaf options", () => {
    const { subcommand, leaves } = flattenOptions(options as never);
    expect(subcommand).toBe("group block");
    expect(leaves.map((l) => l.name)).toEqual(["n", "s"]);
  });

  it("reads typed values and explains a wrong or missing one", () => {
    const reader = new OptionReader(flattenOptions(options as never).leaves, undefined);
    expect(reader.get("n", "integer")).toBe(3);
    expect(reader.get("missing", "string")).toBeUndefined();
    expect(() => reader.get("s", "integer")).toThrow(UserError);
    expect(() => reader.get("s", "integer")).toThrow(/must be a whole number/);
    expect(() => reader.require("missing", "string")).toThrow(/is required/);
  });
});

describe("message limits", () => {
  it("caps the field count at 25 on its own", () => {
    const many = clampEmbeds([
      { fields: Array.from({ length: 30 }, (_, i) => ({ name: `f${i}`, value: "v" })) },
    ]);
    expect(many[0]?.fields).toHaveLength(25);
  });

  it("clamps fields and keeps the whole message within 6000 characters", () => {
    const clamped = clampEmbeds([
      {
        title: "t".repeat(300),
        description: "d".repeat(5000),
        fields: Array.from({ length: 30 }, (_, i) => ({ name: `f${i}`, value: "v".repeat(1100) })),
      },
    ]);
    const embed = clamped[0];
    expect(embed?.title?.length).toBe(256);
    expect(embed?.fields?.length).toBeGreaterThan(0);
    expect(embed?.fields?.length).toBeLessThanOrEqual(25);
    expect(embed?.fields?.every((f) => f.value.length <= 1024)).toBe(true);
    const total =
      (embed?.title?.length ?? 0) +
      (embed?.description?.length ?? 0) +
      (embed?.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
    expect(total).toBeLessThanOrEqual(6000);
  });

  it("cuts autocomplete to 25 choices with names of at most 100 characters", () => {
    const response = autocompleteChoices(
      Array.from({ length: 40 }, (_, i) => ({ name: `${i}`.repeat(200), value: String(i) })),
    );
    const choices = (response as { data: { choices: { name: string }[] } }).data.choices;
    expect(choices).toHaveLength(25);
    expect(choices.every((c) => c.name.length <= 100)).toBe(true);
  });
});

describe("paging", () => {
  it.each([
    [0, [0, 1, 2], 0],
    [2, [6], 2],
    [9, [6], 2],
    [-3, [0, 1, 2], 0],
    [Number.NaN, [0, 1, 2], 0],
  ])("page %d of 7 items in threes", (requested, items, page) => {
    const result = paginate([0, 1, 2, 3, 4, 5, 6], requested, 3);
    expect(result).toEqual({ items, page, pages: 3 });
  });

  it("lists each subcommand of a command as its own help entry", () => {
    const entries = helpEntries([
      { name: "ping", description: "Ping" },
      {
        name: "admin",
        description: "Ops",
        options: [
          {
            type: T.SubcommandGroup,
            name: "guild",
            description: "g",
            options: [{ type: T.Subcommand, name: "block", description: "Block" }],
          },
        ],
      },
    ]);
    expect(entries).toEqual([
      { usage: "/ping", description: "Ping" },
      { usage: "/admin guild block", description: "Block" },
    ]);
  });
});
