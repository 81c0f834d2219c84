import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { EventLog, type WaitForOptions } from "./event-log.ts";
import { createRedisClient, defaultRedisUrl } from "./redis-client.ts";
import { LOOPBACK, startTracked } from "./tracked-server.ts";
import { type CommandOutcome, CommandRunner } from "./upstash-bridge/command-runner.ts";
import { encodeReply } from "./upstash-bridge/reply-encoding.ts";
import { ScriptRegistry } from "./upstash-bridge/script-rewriter.ts";

/** Options of {@link startUpstashBridge}. */
export interface UpstashBridgeOptions {
  /** Real Redis behind the bridge; default `REDIS_URL` or redis://127.0.0.1:6379. */
  redisUrl?: string;
  /** Bearer token clients must send; default a random one. */
  token?: string;
}

/** One HTTP request the bridge received. */
export interface UpstashRequest {
  /** `/`, `/pipeline` or `/multi-exec` (or whatever else was asked for). */
  readonly path: string;
  /** Commands it carried, command names upper-cased, arguments as strings. */
  readonly commands: readonly (readonly string[])[];
  /** Whether the bearer token was right. */
  readonly authorized: boolean;
}

/** A running Upstash REST bridge in front of a real Redis. */
export interface UpstashBridge {
  /** Base URL for `new Redis({ url, token })`. */
  readonly url: string;
  readonly token: string;
  /** Every command received, in order: name upper-cased, e.g. `["EVALSHA", sha, "1", key]`. */
  readonly commandLog: string[][];
  /** HTTP requests received so far (including rejected ones). */
  requestCount(): number;
  /** Calls `listener` for every request received; returns the unsubscribe function. */
  onRequest(listener: (request: UpstashRequest) => void): () => void;
  /** Resolves on the first request (past or future) matching `predicate`. */
  waitForRequest(
    predicate: (request: UpstashRequest) => boolean,
    options?: WaitForOptions,
  ): Promise<UpstashRequest>;
  /** Stops listening and drops open connections: clients get connection refused. */
  goDown(): Promise<void>;
  /** Listens again on the same port. */
  comeBack(): Promise<void>;
  /** Stops the server and disconnects from Redis. */
  close(): Promise<void>;
}

class BadRequest extends Error {}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function toCommand(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new BadRequest("ERR failed to parse command: expected a non-empty JSON array");
  }
  // @upstash/redis serialises non-string arguments with JSON.stringify; mirror it.
  return value.map((arg) => (typeof arg === "string" ? arg : JSON.stringify(arg)));
}

function toCommands(value: unknown): string[][] {
  if (!Array.isArray(value)) throw new BadRequest("ERR failed to parse pipeline request");
  return value.map(toCommand);
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

/**
 * Starts an HTTP server speaking the Upstash Redis REST protocol (as @upstash/redis 1.39 uses
 * it) on 127.0.0.1, executing every command on the real Redis.
 */
export async function startUpstashBridge(
  options: UpstashBridgeOptions = {},
): Promise<UpstashBridge> {
  const token = options.token ?? randomBytes(18).toString("base64url");
  const redis = createRedisClient(options.redisUrl ?? defaultRedisUrl(), {
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
  });
  const runner = new CommandRunner(redis, new ScriptRegistry());
  const commandLog: string[][] = [];
  const requests = new EventLog<UpstashRequest>(
    (r) => `${r.path} ${r.commands.map((c) => c[0]).join(",")}`,
  );

  const encode = (outcome: CommandOutcome, base64: boolean) =>
    "error" in outcome ? { error: outcome.error } : { result: encodeReply(outcome.result, base64) };

  async function respond(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? "/", "http://bridge").pathname;
    const authorized = request.headers.authorization === `Bearer ${token}`;
    const text = await readBody(request);
    if (!authorized) {
      requests.push({ path, commands: [], authorized });
      send(response, 401, { error: "Unauthorized" });
      return;
    }
    const base64 = request.headers["upstash-encoding"] === "base64";
    const parsed: unknown = text === "" ? undefined : JSON.parse(text);
    const commands = path === "/" ? [toCommand(parsed)] : toCommands(parsed);
    const logged = commands.map(([name = "", ...args]) => [name.toUpperCase(), ...args]);
    commandLog.push(...logged);
    requests.push({ path, commands: logged, authorized });

    if (path === "/") {
      const outcome = await runner.run(commands[0] ?? []);
      send(response, "error" in outcome ? 400 : 200, encode(outcome, base64));
    } else if (path === "/pipeline") {
      const outcomes = await Promise.all(commands.map((command) => runner.run(command)));
      send(
        response,
        200,
        outcomes.map((outcome) => encode(outcome, base64)),
      );
    } else if (path === "/multi-exec") {
      const outcomes = await runner.runTransaction(commands).catch((error: Error) => {
        throw new BadRequest(error.message);
      });
      send(
        response,
        200,
        outcomes.map((outcome) => encode(outcome, base64)),
      );
    } else {
      send(response, 404, { error: `ERR unknown endpoint ${path}` });
    }
  }

  const server = createServer((request, response) => {
    respond(request, response).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      const status = error instanceof BadRequest || error instanceof SyntaxError ? 400 : 500;
      if (!response.headersSent) send(response, status, { error: message });
    });
  });
  const tracked = await startTracked(server);

  return {
    url: `http://${LOOPBACK}:${tracked.port}`,
    token,
    commandLog,
    requestCount: () => requests.entries.length,
    onRequest: (listener) => requests.subscribe(listener),
    waitForRequest: (predicate, waitOptions) =>
      requests.waitFor(predicate, { description: "an Upstash request", ...waitOptions }),
    goDown: () => tracked.stop(),
    comeBack: () => tracked.start(),
    close: async () => {
      await tracked.stop();
      redis.disconnect();
    },
  };
}
