import { Pool } from "@neondatabase/serverless";
import { describe, expect, inject, it } from "vitest";
import WebSocket from "ws";
import { configureNeonForProxy, startNeonProxy } from "./neon-proxy.ts";

function openTcpHandles(): number {
  return process
    .getActiveResourcesInfo()
    .filter((kind) => kind === "TCPSocketWrap" || kind === "TCPServerWrap").length;
}

describe("neon proxy", () => {
  it("carries a Neon Pool to the local Postgres and leaves no handles behind", async () => {
    const before = openTcpHandles();
    const proxy = await startNeonProxy();
    configureNeonForProxy(proxy);
    const pool = new Pool({ connectionString: inject("databaseUrl") });
    const idleErrors: Error[] = [];
    pool.on("error", (error: Error) => idleErrors.push(error));

    const { rows } = await pool.query("SELECT 1 AS one");
    expect(rows).toEqual([{ one: 1 }]);

    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("CREATE TEMP TABLE neon_proxy_probe (n int) ON COMMIT DROP");
      await client.query("INSERT INTO neon_proxy_probe VALUES ($1), ($2)", [20, 22]);
      const sum = await client.query("SELECT sum(n)::int AS total FROM neon_proxy_probe");
      expect(sum.rows[0]).toEqual({ total: 42 });
      await client.query("COMMIT");
    } finally {
      client.release();
    }

    // pg-pool's end() resolves before its clients finish closing; their "remove" marks that.
    const removed = new Promise((resolve) => pool.once("remove", resolve));
    await pool.end();
    await removed;
    await proxy.close();
    expect(idleErrors).toEqual([]);
    expect(openTcpHandles()).toBe(before);
  });

  it("closes cleanly even with a connection still open", async () => {
    const before = openTcpHandles();
    const proxy = await startNeonProxy();
    configureNeonForProxy(proxy);
    const pool = new Pool({ connectionString: inject("databaseUrl") });
    // The proxy going away kills the idle client (the point of this test): the pool reports
    // it as an error and the client emits "end" once its socket is gone.
    pool.on("error", () => undefined);
    const client = await pool.connect();
    await client.query("SELECT 1");
    const ended = new Promise((resolve) => client.once("end", resolve));
    client.release();
    await proxy.close();
    await ended;
    await pool.end();
    expect(openTcpHandles()).toBe(before);
  });

  it("refuses targets outside loopback and malformed requests", async () => {
    const proxy = await startNeonProxy();
    try {
      const plain = await fetch(`http://127.0.0.1:${proxy.port}/v1`);
      expect(plain.status).toBe(426);
      expect(proxy.wsProxy("localhost", 5432)).toBe(
        `127.0.0.1:${proxy.port}/v1?address=localhost:5432`,
      );
      const status = await new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(`ws://127.0.0.1:${proxy.port}/v1?address=example.com:5432`);
        ws.on("unexpected-response", (_request, response) => resolve(response.statusCode ?? 0));
        ws.on("open", () => reject(new Error("the proxy accepted a non-loopback target")));
        ws.on("error", () => {
          // Follows the unexpected response; the status above is what matters.
        });
      });
      expect(status).toBe(400);
    } finally {
      await proxy.close();
    }
  });
});
