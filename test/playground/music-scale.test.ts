import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PlaygroundProcess, startPlaygroundProcess } from "../support/playground.ts";

let playground: PlaygroundProcess;

/** `npm run interact -- …` against the playground started below. */
const interact = (...args: string[]) => playground.interact(...args);

beforeAll(async () => {
  // Songs of 2–5 minutes last 3–8 seconds here.
  playground = await startPlaygroundProcess({ PLAYGROUND_MUSIC_SPEED: "40" });
}, 90_000);

afterAll(async () => {
  await playground?.close();
});

describe("music scale features in the playground (npm start with nothing configured)", () => {
  it("/music play query: suggests tracks while typing (--complete)", async () => {
    const out = await interact("/music", "play", "query:lofi", "--complete", "query");
    expect(out).toContain("— suggestions —");
    expect(out).toMatch(
      /1\. lofi — Artist \d+ \(\d:\d\d\)\n {3}→ https:\/\/www\.youtube\.com\/watch/,
    );
    expect(out).toContain("5. lofi (5)");
  }, 60_000);

  it("saves the queue as a playlist, lists it, loads it back after a stop, deletes it", async () => {
    expect(await interact("/music", "play", "query:lofi")).toContain("Now playing");
    expect(await interact("/music", "play", "query:jazz")).toContain("Queued");
    expect(await interact("/playlist", "save", "name:Evening")).toContain(
      "**Evening**: 2 track(s)",
    );
    expect(await interact("/playlist", "list")).toMatch(/\*\*Evening\*\* — 2 track\(s\)/);
    expect(await interact("/music", "stop")).toContain("Stopped");
    const loaded = await interact("/playlist", "load", "name:evening");
    expect(loaded).toContain("Queued **2** track(s) from **Evening**. Now playing");
    expect(await interact("/playlist", "load", "name:nothing")).toContain(
      "There is no playlist named **nothing**",
    );
    expect(await interact("/playlist", "delete", "name:Evening")).toContain("Playlist deleted");
  }, 120_000);
});
