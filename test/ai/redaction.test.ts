import { expect, it } from "vitest";
import { parseConfig } from "../../src/config.ts";
import { createIsolate } from "../../src/runtime/isolate.ts";

it("the logger redacts the AI key and each master key, even one logged alone", () => {
  const v2 = Buffer.alloc(32, 2).toString("base64");
  const v1 = Buffer.alloc(32, 1).toString("base64");
  const lines: string[] = [];
  const write = console.log;
  console.log = (line: string) => lines.push(line);
  try {
    const isolate = createIsolate(
      parseConfig({
        DISCORD_PUBLIC_KEY: "a".repeat(64),
        DISCORD_APPLICATION_ID: "123456789012345678",
        AI_API_KEY: "sk-operator-secret-123",
        GUILD_KEYS_MASTER_KEYS: `v2:${v2},v1:${v1}`,
      }),
    );
    isolate.log.info("oops", { a: "sk-operator-secret-123", b: v1, c: `v2:${v2}` });
  } finally {
    console.log = write;
  }
  const text = lines.join("\n");
  expect(text).toContain('"event":"oops"');
  for (const secret of ["sk-operator-secret-123", v1, v2]) expect(text).not.toContain(secret);
});
