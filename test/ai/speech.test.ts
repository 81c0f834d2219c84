import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { speechIdentifier, spokenText } from "../../src/domain/ai/index.ts";
import { type FakeLavalink, startFakeLavalink } from "../support/fake-lavalink.ts";

let lavalink: FakeLavalink;
beforeAll(async () => {
  lavalink = await startFakeLavalink();
});
afterAll(() => lavalink?.close());

/** `GET /v4/loadtracks` over HTTP, as lavalink-client sends it. */
async function loadTracks(identifier: string) {
  const url = new URL(lavalink.nodeUrl());
  const response = await fetch(
    `http://${url.host}/v4/loadtracks?identifier=${encodeURIComponent(identifier)}`,
    { headers: { authorization: lavalink.password } },
  );
  return (await response.json()) as {
    loadType: string;
    data: { info?: { title: string; length: number; sourceName: string } };
  };
}

describe("the TTS identifier scheme (LavaSrc Flowery TTS: ftts://<text>)", () => {
  it("turns an answer into speakable text, without Markdown, URL-encoded", () => {
    const id = speechIdentifier("**Hello** `world` & [docs](https://x.y) ```js\ncode()\n```");
    expect(id?.startsWith("ftts://")).toBe(true);
    expect(spokenText(id ?? "")).toBe("Hello world & docs (code omitted)");
    expect(speechIdentifier("Hi", { voice: "Emma" })).toBe("ftts://Hi?voice=Emma");
    expect(speechIdentifier("  ** __ ")).toBeNull();
  });

  it("cuts long answers to what Flowery TTS reads", () => {
    const text = spokenText(speechIdentifier("word ".repeat(1000)) ?? "") ?? "";
    expect(text.length).toBe(2000);
    expect(text.endsWith("…")).toBe(true);
  });

  it("the fake Lavalink loads the same scheme as one speech track", async () => {
    const loaded = await loadTracks(speechIdentifier("The answer is forty-two.") ?? "");
    expect(loaded.loadType).toBe("track");
    expect(loaded.data.info).toMatchObject({
      title: "Speech: The answer is forty-two.",
      sourceName: "flowerytts",
    });
    expect(loaded.data.info?.length).toBeGreaterThanOrEqual(1000);
    expect((await loadTracks("ftts://")).loadType).toBe("error");
  });

  it("compose's Lavalink loads the Flowery TTS source of a pinned LavaSrc", () => {
    const config = parse(readFileSync("ops/lavalink/application.yml", "utf8")) as {
      lavalink: { plugins: { dependency: string }[] };
      plugins: { lavasrc: { sources: Record<string, boolean> } };
    };
    expect(config.lavalink.plugins.map((p) => p.dependency)).toContain(
      "com.github.topi314.lavasrc:lavasrc-plugin:4.8.1",
    );
    expect(config.plugins.lavasrc.sources).toEqual({ flowerytts: true });
  });
});
