import type { IncomingMessage, ServerResponse } from "node:http";

function readAll(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

/** Serves a fetch-style handler from a node:http server (the simulator speaks fetch). */
export function nodeListener(handle: (request: Request) => Promise<Response>) {
  return async (incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> => {
    const method = incoming.method ?? "GET";
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    const body = await readAll(incoming);
    const request = new Request(`http://${incoming.headers.host ?? "127.0.0.1"}${incoming.url}`, {
      method,
      headers,
      body:
        method === "GET" || method === "HEAD" || body.length === 0
          ? undefined
          : new Uint8Array(body),
    });
    const response = await handle(request);
    outgoing.writeHead(response.status, Object.fromEntries(response.headers));
    outgoing.end(Buffer.from(await response.arrayBuffer()));
  };
}
