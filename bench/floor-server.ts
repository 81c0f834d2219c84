/**
 * Child process: the throughput floor. An HTTP server that does one cached WebCrypto Ed25519
 * verify of the body and answers a PONG, nothing else. `node-http` uses node:http directly;
 * `hono-node-server` puts the same verify behind @hono/node-server (the app's HTTP adapter).
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";

const kind = process.argv[2] ?? "node-http";
const hex = (text: string) =>
  Uint8Array.from(text.match(/../g) ?? [], (b) => Number.parseInt(b, 16));
const key = await crypto.subtle.importKey(
  "raw",
  hex(process.env.BENCH_PUBLIC_KEY ?? ""),
  { name: "Ed25519" },
  false,
  ["verify"],
);
const encoder = new TextEncoder();
const PONG = '{"type":1}';

async function verified(body: Uint8Array, signature: string | null, timestamp: string | null) {
  if (!signature || !timestamp) return false;
  const stamp = encoder.encode(timestamp);
  const message = new Uint8Array(stamp.length + body.length);
  message.set(stamp);
  message.set(body, stamp.length);
  return crypto.subtle.verify({ name: "Ed25519" }, key, hex(signature), message);
}

function readBody(request: IncomingMessage): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

function header(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  return typeof value === "string" ? value : null;
}

const server =
  kind === "hono-node-server"
    ? serve({
        hostname: "127.0.0.1",
        port: 0,
        fetch: async (request) => {
          const body = new Uint8Array(await request.arrayBuffer());
          const ok = await verified(
            body,
            request.headers.get("x-signature-ed25519"),
            request.headers.get("x-signature-timestamp"),
          );
          return new Response(ok ? PONG : '{"error":"invalid request signature"}', {
            status: ok ? 200 : 401,
            headers: { "content-type": "application/json" },
          });
        },
      })
    : createServer((request, response) => {
        readBody(request)
          .then((body) =>
            verified(
              body,
              header(request, "x-signature-ed25519"),
              header(request, "x-signature-timestamp"),
            ),
          )
          .then((ok) => {
            response.writeHead(ok ? 200 : 401, { "content-type": "application/json" });
            response.end(ok ? PONG : '{"error":"invalid request signature"}');
          });
      }).listen(0, "127.0.0.1");

server.once("listening", () => {
  const { port } = server.address() as AddressInfo;
  process.send?.({ type: "ready", url: `http://127.0.0.1:${port}` });
});
const shutdown = () => {
  server.close();
  (server as { closeAllConnections?: () => void }).closeAllConnections?.();
  process.exit(0);
};
process.once("SIGTERM", shutdown);
process.once("disconnect", shutdown);
