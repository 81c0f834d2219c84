import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import pg from "pg";
import type { FakeDiscord } from "./fake-discord.ts";
import { LOOPBACK, startTracked } from "./tracked-server.ts";
import type { UpstashBridge } from "./upstash-bridge.ts";

/** What the control server exposes; everything else stays in the process that started it. */
export interface HarnessControlOptions {
  discord: FakeDiscord;
  bridge: UpstashBridge;
  /** The run's database, read with node-postgres (not through the Neon proxy under test). */
  databaseUrl: string;
}

/** A running control server. */
export interface HarnessControl {
  readonly url: string;
  close(): Promise<void>;
}

type Handler = (request: IncomingMessage, url: URL) => Promise<unknown>;

function readJson(request: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      try {
        resolve(text === "" ? {} : JSON.parse(text));
      } catch (error) {
        reject(error);
      }
    });
    request.on("error", reject);
  });
}

const after = (url: URL) => Number(url.searchParams.get("after") ?? 0);

/**
 * An HTTP window onto the fake Discord, the Upstash bridge and the run's Postgres, for tests
 * that cannot share memory with them: tests inside workerd reach it with `fetch`. It issues
 * interaction tokens, lists recorded calls and bridged commands, and runs read queries.
 */
export async function startHarnessControl(options: HarnessControlOptions): Promise<HarnessControl> {
  const { discord, bridge } = options;
  const postgres = new pg.Pool({ connectionString: options.databaseUrl, max: 2 });
  // An idle client whose connection is cut (the database dropped, Postgres restarted) emits
  // 'error' on the pool; unheard, that ends the whole test run.
  postgres.on("error", (error) =>
    console.warn(`harness control: idle Postgres client lost: ${error.message}`),
  );
  const routes: Record<string, Handler> = {
    "POST /discord/interaction-tokens": async () => ({ token: discord.issueInteractionToken() }),
    "GET /discord/calls": async (_request, url) => ({ calls: discord.calls.slice(after(url)) }),
    "GET /upstash/commands": async (_request, url) => ({
      requests: bridge.requestCount(),
      total: bridge.commandLog.length,
      commands: bridge.commandLog.slice(after(url)),
    }),
    "POST /postgres/query": async (request) => {
      const { text, values } = (await readJson(request)) as { text: string; values?: unknown[] };
      // Read-only on purpose: tests check what the worker wrote, they do not write behind it.
      const client = await postgres.connect();
      try {
        await client.query("BEGIN READ ONLY");
        const { rows } = await client.query(text, values);
        return { rows };
      } finally {
        await client.query("ROLLBACK").catch(() => undefined);
        client.release();
      }
    },
  };

  const respond = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://control");
    const handler = routes[`${request.method} ${url.pathname}`];
    const [status, body] = handler
      ? [200, await handler(request, url)]
      : [404, { error: `no control route ${request.method} ${url.pathname}` }];
    response.writeHead(status, { "content-type": "application/json" });
    response.end(JSON.stringify(body));
  };
  const server = createServer((request, response) => {
    respond(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: error instanceof Error ? error.message : error }));
    });
  });
  const tracked = await startTracked(server);
  return {
    url: `http://${LOOPBACK}:${tracked.port}`,
    close: async () => {
      await tracked.stop();
      await postgres.end();
    },
  };
}
