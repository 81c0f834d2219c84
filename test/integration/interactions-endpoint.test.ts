import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Answer, startBot, type TestBot } from "../support/bot.ts";
import { componentPress, modalSubmit, ping, slashCommand } from "../support/interactions.ts";
import { createSigner } from "../support/signer.ts";
import { snowflake } from "../support/snowflake.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(() => bot?.close());

const now = () => String(Math.floor(Date.now() / 1000));
const embedText = (answer: Answer) => {
  const data =
    "data" in answer.body
      ? (answer.body.data as {
          embeds?: { title?: string; description?: string }[];
          flags?: number;
        })
      : undefined;
  return {
    text: (data?.embeds ?? []).map((e) => `${e.title ?? ""} ${e.description ?? ""}`).join(" "),
    flags: data?.flags ?? 0,
  };
};

describe("signature", () => {
  it("answers a signed PING with PONG", async () => {
    const answer = await bot.interact(ping());
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ type: 1 });
  });

  it("refuses a request without signature headers", async () => {
    const response = await bot.post(JSON.stringify(ping()), {});
    expect(response.status).toBe(401);
  });

  it("refuses a signature made with another key", async () => {
    const forger = await createSigner();
    const body = JSON.stringify(ping());
    const response = await bot.post(body, { ...(await forger.sign(body)) });
    expect(response.status).toBe(401);
  });

  it("refuses a stale timestamp even when the signature is valid", async () => {
    const body = JSON.stringify(ping());
    const stale = String(Math.floor(Date.now() / 1000) - 6 * 60);
    const response = await bot.post(body, { ...(await bot.signer.sign(body, stale)) });
    expect(response.status).toBe(401);
  });

  it("refuses a body that was cut after signing", async () => {
    const body = JSON.stringify(slashCommand("ping", { applicationId: bot.applicationId }));
    const headers = await bot.signer.sign(body, now());
    const response = await bot.post(body.slice(0, body.length - 10), { ...headers });
    expect(response.status).toBe(401);
  });

  it("refuses an oversized body before reading it", async () => {
    const body = `{"type":1,"padding":"${"x".repeat(1024 * 1024)}"}`;
    // Its own connection: the server answers 413 without draining the body and closes it.
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        `${bot.url}/interactions`,
        { method: "POST", agent: false },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      request.on("error", reject);
      request.end(body);
    });
    expect(status).toBe(413);
  });

  it("refuses a garbage signature", async () => {
    const body = JSON.stringify(ping());
    const response = await bot.post(body, {
      "x-signature-ed25519": "zz".repeat(64),
      "x-signature-timestamp": now(),
    });
    expect(response.status).toBe(401);
  });
});

describe("malformed interactions with a valid signature", () => {
  const signedPost = async (body: string) => bot.post(body, { ...(await bot.signer.sign(body)) });

  it("answers 400 to malformed JSON", async () => {
    const response = await signedPost('{"type":2,');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/JSON/);
  });

  it("answers 400 to an unknown interaction type", async () => {
    const response = await signedPost(JSON.stringify({ ...slashCommand("ping"), type: 42 }));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(
      /unknown interaction type/,
    );
  });

  it("answers 400 when required envelope fields are missing or not snowflakes", async () => {
    const { token: _token, ...noToken } = slashCommand("ping");
    expect((await signedPost(JSON.stringify(noToken))).status).toBe(400);
    expect(
      (await signedPost(JSON.stringify({ ...slashCommand("ping"), id: "not-a-snowflake" }))).status,
    ).toBe(400);
  });
});

describe("routing", () => {
  it("tells the user about an unknown command", async () => {
    const answer = await bot.interact(slashCommand("definitely-not-a-command"));
    expect(answer.status).toBe(200);
    const { text, flags } = embedText(answer);
    expect(text).toMatch(/Unknown command `\/definitely-not-a-command`/);
    expect(flags & 64).toBe(64);
  });

  it("tells the user about a button it does not know or cannot parse", async () => {
    for (const customId of ["nobody:press", "help:unknown-action", "no separators", ""]) {
      const answer = await bot.interact(componentPress(customId));
      expect(answer.status).toBe(200);
      expect(embedText(answer).text).toMatch(/no longer supported/);
    }
  });

  it("tells the user about a form it does not know", async () => {
    const answer = await bot.interact(modalSubmit("ghost:submit", { field: "value" }));
    expect(embedText(answer).text).toMatch(/no longer supported/);
  });

  it("refuses a guild-only command in a DM", async () => {
    const answer = await bot.interact(
      slashCommand("ratelimit", {
        guildId: null,
        subcommand: "show",
        options: { guild_id: snowflake() },
      }),
    );
    const { text, flags } = embedText(answer);
    expect(text).toMatch(/only works inside a server/);
    expect(flags & 64).toBe(64);
  });

  it("answers /ping in a DM, where it is allowed", async () => {
    const answer = await bot.interact(slashCommand("ping", { guildId: null }));
    expect(embedText(answer).text).toMatch(/Pong/);
  });
});
