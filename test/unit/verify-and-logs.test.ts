import { describe, expect, it } from "vitest";
import { createSignatureVerifier } from "../../src/interactions/verify.ts";
import { createLogger } from "../../src/platform/logger.ts";
import { createSigner } from "../support/signer.ts";

describe("signature verification", () => {
  it.each([
    ["valid", (s: string) => s, (t: string) => t, null],
    ["missing", () => "", (t: string) => t, "missing-signature"],
    ["not hex", () => "zz".repeat(64), (t: string) => t, "bad-signature"],
    ["short", (s: string) => s.slice(0, 100), (t: string) => t, "bad-signature"],
    [
      "flipped bit",
      (s: string) => `${s.slice(0, -1)}${s.endsWith("0") ? "1" : "0"}`,
      (t: string) => t,
      "bad-signature",
    ],
    ["timestamp changed", (s: string) => s, (t: string) => String(Number(t) + 1), "bad-signature"],
  ] as const)("%s signature → %s", async (_, mangle, retime, expected) => {
    const signer = await createSigner();
    const verifier = createSignatureVerifier(signer.publicKeyHex);
    const body = '{"type":1}';
    const headers = await signer.sign(body);
    const result = await verifier.verify(
      new TextEncoder().encode(body),
      mangle(headers["x-signature-ed25519"]),
      retime(headers["x-signature-timestamp"]),
      Number(headers["x-signature-timestamp"]) * 1000,
    );
    expect(result).toBe(expected);
  });

  it("refuses a valid signature outside the five-minute replay window", async () => {
    const signer = await createSigner();
    const verifier = createSignatureVerifier(signer.publicKeyHex);
    const headers = await signer.sign("{}", "1000000000");
    const body = new TextEncoder().encode("{}");
    expect(
      await verifier.verify(
        body,
        headers["x-signature-ed25519"],
        headers["x-signature-timestamp"],
        1_000_000_000_000 + 299_000,
      ),
    ).toBeNull();
    expect(
      await verifier.verify(
        body,
        headers["x-signature-ed25519"],
        headers["x-signature-timestamp"],
        1_000_000_000_000 + 301_000,
      ),
    ).toBe("stale-timestamp");
  });
});

describe("logger", () => {
  it("redacts configured secrets, webhook tokens and bot-token shapes", () => {
    const lines: string[] = [];
    const log = createLogger({
      secrets: ["super-secret-admin-value"],
      write: (line) => lines.push(line),
    });
    const botToken = `MTE${"x".repeat(22)}.Gabcde.${"y".repeat(30)}`;
    log.error("boom", {
      url: "https://discord.com/api/v10/webhooks/123456789012345678/aW50ZXJhY3Rpb246secret-token/messages/@original",
      header: `Bot ${botToken}`,
      note: "admin secret super-secret-admin-value here",
    });
    const line = lines.join("\n");
    expect(line).not.toContain("aW50ZXJhY3Rpb246secret-token");
    expect(line).not.toContain(botToken);
    expect(line).not.toContain("super-secret-admin-value");
    expect(JSON.parse(line)).toMatchObject({ level: "error", event: "boom" });
  });
});
