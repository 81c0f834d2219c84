import type { Server, Socket } from "node:net";

/** Loopback address every test server binds to. */
export const LOOPBACK = "127.0.0.1";

/**
 * A listening server that remembers its open sockets, so stopping it never waits on keep-alive
 * or upgraded connections (the usual reason a vitest run hangs after the last test).
 */
export interface TrackedServer {
  /** The port it listens on; stays the same across {@link TrackedServer.stop}/`start`. */
  readonly port: number;
  /** Sockets accepted and not yet closed, plus any registered with `adopt`. */
  readonly sockets: ReadonlySet<Socket>;
  /** Tracks an extra socket (e.g. an outbound one) so `stop` destroys it too. */
  adopt(socket: Socket): void;
  /** Stops listening and destroys every tracked socket; resolves once fully closed. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once("error", onError);
    server.listen(port, LOOPBACK, () => {
      server.off("error", onError);
      const address = server.address();
      if (address === null || typeof address === "string") {
        reject(new Error("server has no TCP address"));
        return;
      }
      resolve(address.port);
    });
  });
}

/** Starts `server` on 127.0.0.1 (port 0 = ephemeral) and tracks its sockets. */
export async function startTracked(server: Server, port = 0): Promise<TrackedServer> {
  const sockets = new Set<Socket>();
  const adopt = (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  };
  server.on("connection", adopt);
  const boundPort = await listen(server, port);

  return {
    port: boundPort,
    sockets,
    adopt,
    stop: async () => {
      // Resolve only once every socket's handle is really gone, so a test measuring open
      // handles right after `stop()` sees none of ours.
      const closed = [...sockets].map(
        (socket) => new Promise<void>((resolve) => socket.once("close", () => resolve())),
      );
      const stopped = new Promise<void>((resolve, reject) => {
        if (!server.listening) resolve();
        else server.close((error) => (error ? reject(error) : resolve()));
      });
      for (const socket of sockets) socket.destroy();
      await Promise.all([stopped, ...closed]);
      // libuv releases closed handles in the loop's close phase, after the check phase: two
      // setImmediate turns guarantee it has run (an event-loop ordering, not a timing guess).
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
    },
    start: async () => {
      if (!server.listening) await listen(server, boundPort);
    },
  };
}
