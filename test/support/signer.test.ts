import { createServer } from "node:http";
import { verifyKey } from "discord-interactions";
import { describe, expect, it } from "vitest";
import { ping } from "./interactions.ts";
import { createSigner, signedPost } from "./signer.ts";
import { LOOPBACK, startTracked } from "./tracked-server.ts";

describe("signer", () => {
  it("produces signatures discord-interactions accepts, and only for the signed bytes", async () => {
    const signer = await createSigner();
    expect(signer.publicKeyHex).toMatch(/^[0-9a-f]{64}$/);
    const body = JSON.stringify({ type: 1 });
    const headers = await signer.sign(body, "1700000000");
    expect(headers["x-signature-timestamp"]).toBe("1700000000");
    const verify = (text: string, timestamp: string) =>
      verifyKey(text, headers["x-signature-ed25519"], timestamp, signer.publicKeyHex);
    expect(await verify(body, "1700000000")).toBe(true);
    expect(await verify(`${body} `, "1700000000")).toBe(false);
    expect(await verify(body, "1700000001")).toBe(false);
  });

  it("posts a signed JSON interaction", async () => {
    const signer = await createSigner();
    const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
        response.writeHead(200, { "content-type": "application/json" }).end('{"type":1}');
      });
    });
    const tracked = await startTracked(server);
    try {
      const interaction = ping();
      const response = await signedPost(
        `http://${LOOPBACK}:${tracked.port}/interactions`,
        interaction,
        {
          signer,
          headers: { "x-test": "yes" },
        },
      );
      expect(await response.json()).toEqual({ type: 1 });
      const [request] = received;
      expect(request?.body).toBe(JSON.stringify(interaction));
      expect(request?.headers["content-type"]).toBe("application/json");
      expect(request?.headers["x-test"]).toBe("yes");
      const signature = String(request?.headers["x-signature-ed25519"]);
      const timestamp = String(request?.headers["x-signature-timestamp"]);
      expect(await verifyKey(request?.body ?? "", signature, timestamp, signer.publicKeyHex)).toBe(
        true,
      );
    } finally {
      await tracked.stop();
    }
  });
});
