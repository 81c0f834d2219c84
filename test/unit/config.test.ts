import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../src/config.ts";

describe("parseConfig", () => {
  it("applies the defaults with no configuration at all", () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      PORT: 8787,
      DISCORD_API_BASE: "https://discord.com/api",
      REDIS_KEY_PREFIX: "chopsticks:",
      LOG_LEVEL: "info",
      OWNER_IDS: [],
    });
  });

  it("splits the owner list and treats empty variables as unset", () => {
    const config = parseConfig({
      OWNER_IDS: "123456789012345678, 223456789012345678",
      DATABASE_URL: "",
    });
    expect(config.OWNER_IDS).toEqual(["123456789012345678", "223456789012345678"]);
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it.each([
    [{ PORT: "eighty" }, "PORT"],
    [{ DISCORD_PUBLIC_KEY: "abc" }, "DISCORD_PUBLIC_KEY"],
    [{ DISCORD_APPLICATION_ID: "app" }, "DISCORD_APPLICATION_ID"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ UPSTASH_REDIS_REST_URL: "https://x.upstash.io" }, "UPSTASH_REDIS_REST_TOKEN"],
    [{ REDIS_URL: "127.0.0.1:6379" }, "REDIS_URL"],
    [{ ADMIN_API_SECRET: "short" }, "ADMIN_API_SECRET"],
    [{ OWNER_IDS: "me" }, "OWNER_IDS"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
  ])("refuses %o with one line naming %s", (env, name) => {
    let error: unknown;
    try {
      parseConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message.split("\n")).toHaveLength(1);
    expect(message).toMatch(new RegExp(`^Invalid configuration: ${name} `));
  });
});
