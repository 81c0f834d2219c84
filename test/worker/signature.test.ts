import { describe, expect, it } from "vitest";
import { ping } from "../support/interactions.ts";
import { callWorker, harness, postInteraction, sign } from "./harness.ts";

const pingBody = () => JSON.stringify(ping({ applicationId: harness.applicationId }));

describe("POST /interactions in workerd", () => {
  it("answers a signed PING with a PONG", async () => {
    const body = pingBody();
    const response = await postInteraction(body, await sign(body));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ type: 1 });
  });

  it("refuses a signature made over other bytes with 401", async () => {
    const body = pingBody();
    const headers = await sign(pingBody());
    const response = await postInteraction(body, headers);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "invalid request signature" });
  });

  it("refuses a body changed after signing with 401", async () => {
    const body = pingBody();
    const headers = await sign(body);
    const response = await postInteraction(body.replace('"type":1', '"type": 1'), headers);
    expect(response.status).toBe(401);
  });

  it("refuses a request without signature headers with 401", async () => {
    const response = await postInteraction(pingBody(), {});
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "invalid request signature" });
  });

  it("refuses a replayed request (timestamp outside five minutes) with 401", async () => {
    const body = pingBody();
    const stale = String(Math.floor(Date.now() / 1000) - 6 * 60);
    const response = await postInteraction(body, await sign(body, stale));
    expect(response.status).toBe(401);
  });

  it("answers unknown paths with 404", async () => {
    const response = await callWorker("/nope");
    expect(response.status).toBe(404);
  });
});
