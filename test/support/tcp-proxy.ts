import { connect, createServer } from "node:net";
import { startTracked } from "./tracked-server.ts";

/** A TCP forwarder in front of a real service, which a test can take down and bring back. */
export interface TcpProxy {
  readonly port: number;
  /** Stops listening and cuts every open connection: the service looks down. */
  stop(): Promise<void>;
  /** Listens again on the same port: the service is back. */
  start(): Promise<void>;
}

/** Forwards 127.0.0.1:<ephemeral port> to `target` (e.g. the real Postgres). */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    tracked.adopt(upstream);
    client.pipe(upstream).pipe(client);
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
  });
  const tracked = await startTracked(server);
  return { port: tracked.port, stop: tracked.stop, start: tracked.start };
}
