import { describe, expect, it } from "vitest";
import { MAX_TARGETS, parseTargets, targetsProblem } from "../../src/domain/moderation/index.ts";

const A = "123456789012345678";
const B = "223456789012345678";
const C = "32345678901234567890";

describe("parseTargets", () => {
  it.each([
    ["spaces", `${A} ${B}`, [A, B], []],
    ["commas without spaces", `${A},${B},${C}`, [A, B, C], []],
    ["newlines and tabs", `${A}\n${B}\r\n\t${C}\n`, [A, B, C], []],
    ["mentions <@id> and <@!id>", `<@${A}> <@!${B}>`, [A, B], []],
    ["duplicates across forms, first order kept", `${B} <@${A}> ${A} <@!${B}>`, [B, A], []],
    [
      "17 and 20 digits are ids",
      "12345678901234567 12345678901234567890",
      ["12345678901234567", "12345678901234567890"],
      [],
    ],
    [
      "16 and 21 digits are not",
      "1234567890123456 123456789012345678901",
      [],
      ["1234567890123456", "123456789012345678901"],
    ],
    ["role and channel mentions are not users", `<@&${A}> <#${B}>`, [], [`<@&${A}>`, `<#${B}>`]],
    ["words are listed back, once each", `${A} spam spam bob`, [A], ["spam", "bob"]],
    ["an empty list", " ,\n, ", [], []],
  ])("%s", (_name, text, ids, invalid) => {
    expect(parseTargets(text)).toEqual({ ids, invalid });
  });
});

describe("targetsProblem", () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => String(10n ** 17n + BigInt(i)));

  it.each([
    ["a usable list", { ids: [A], invalid: ["x"] }, null],
    ["exactly the maximum", { ids: many(MAX_TARGETS), invalid: [] }, null],
    [
      "over the maximum",
      { ids: many(MAX_TARGETS + 1), invalid: [] },
      /1001 different ids; one massban takes at most 1000/,
    ],
    ["nothing at all", { ids: [], invalid: [] }, /list is empty/],
    ["only invalid tokens", { ids: [], invalid: ["bob"] }, /None of that is a user id/],
  ])("%s", (_name, parsed, expected) => {
    const problem = targetsProblem(parsed);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });
});
