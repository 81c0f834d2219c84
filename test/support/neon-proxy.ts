import { createServer } from "node:http";
import { connect, type Socket } from "node:net";
import { neonConfig } from "@neondatabase/serverless";
import WebSocket, { WebSocketServer } from "ws";
import { LOOPBACK, startTracked } from "./tracked-server.ts";

/** Options of {@link startNeonProxy}. */
export interface NeonProxyOptions {
  /** Hosts the proxy may connect to; default loopback only. */
  allowedHosts?: readonly string[];
}

/** A running WebSocket→TCP proxy for @neondatabase/serverless. */
export interface NeonProxy {
  readonly host: typeof LOOPBACK;
  readonly port: number;
  /** Value for `neonConfig.wsProxy`: where the driver should open its WebSocket. */
  wsProxy(host: string, port: number | string): string;
  /** Closes every tunnel and stops listening. */
  close(): Promise<void>;
}

const DEFAULT_ALLOWED_HOSTS = ["127.0.0.1", "localhost", "::1"];

function parseTarget(address: string | null): { host: string; port: number } | null {
  const match = address ? /^(.+):(\d+)$/.exec(address) : null;
  if (!match?.[1] || !match[2]) return null;
  return { host: match[1].replace(/^\[|\]$/g, ""), port: Number(match[2]) };
}

function tunnel(ws: WebSocket, db: Socket): void {
  // Binary frames carry raw Postgres protocol bytes in both directions.
  ws.on("message", (data: Buffer | ArrayBuffer | Buffer[]) => {
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer);
    db.write(bytes);
  });
  db.on("data", (chunk: Buffer) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(chunk, { binary: true });
  });
  ws.on("close", () => db.destroy());
  ws.on("error", () => db.destroy());
  db.on("close", () => ws.terminate());
  db.on("error", () => ws.terminate());
}

/**
 * Starts the WebSocket→TCP proxy that `@neondatabase/serverless` speaks (path `/v1`, target in
 * `?address=host:port`) on 127.0.0.1, so the Neon driver can reach the local Postgres.
 */
export async function startNeonProxy(options: NeonProxyOptions = {}): Promise<NeonProxy> {
  const allowed = new Set(options.allowedHosts ?? DEFAULT_ALLOWED_HOSTS);
  const server = createServer((_request, response) => {
    response.writeHead(426, { "content-type": "text/plain" }).end("WebSocket upgrade required\n");
  });
  const tracked = await startTracked(server);
  const wss = new WebSocketServer({ noServer: true });

  server.on("upgrade", (request, socket, head) => {
    const url = new URL(request.url ?? "/", "http://proxy");
    const target = parseTarget(url.searchParams.get("address"));
    if (!/^\/v\d+$/.test(url.pathname) || !target || !allowed.has(target.host)) {
      socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
      return;
    }
    const db = connect(target.port, target.host);
    tracked.adopt(db);
    let upgraded = false;
    db.once("connect", () => {
      upgraded = true;
      wss.handleUpgrade(request, socket, head, (ws) => tunnel(ws, db));
    });
    db.on("error", (error) => {
      if (!upgraded)
        socket.end(`HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\n\r\n${error.message}`);
    });
    socket.once("close", () => {
      if (!upgraded) db.destroy();
    });
  });

  return {
    host: LOOPBACK,
    port: tracked.port,
    wsProxy: (host, port) => `${LOOPBACK}:${tracked.port}/v1?address=${host}:${port}`,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await tracked.stop();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/**
 * Points the Neon driver (process-wide `neonConfig`) at `proxy`: plain `ws://`, no TLS
 * pipelining, no pipelined connect, and the `ws` package as WebSocket on Node.
 */
export function configureNeonForProxy(proxy: Pick<NeonProxy, "wsProxy">): void {
  neonConfig.wsProxy = (host, port) => proxy.wsProxy(host, port);
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.pipelineConnect = false;
  neonConfig.webSocketConstructor = WebSocket;
}
