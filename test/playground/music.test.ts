import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PlaygroundProcess, startPlaygroundProcess } from "../support/playground.ts";
import { interactLines, readmeSection } from "../support/readme-lines.ts";

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

/** The `npm run interact` lines of the README's "Answers spoken in voice" section, as argv. */
const readmeVoiceLines = () => interactLines(readmeSection("### Answers spoken in voice"));

describe("/ai voice in the playground (README lines)", () => {
  it("streams the stand-in's answer, then the voice-node joins Lounge to speak it", async () => {
    const lines = readmeVoiceLines();
    expect(lines.map((words) => words.slice(0, 2).join(" "))).toEqual(["/ai voice", "--state"]);
    const answered = await interact(...(lines[0] as string[]));
    expect(answered).toMatch(/writing…/);
    expect(answered).toContain("Speaking this answer in #Lounge");
    expect(answered).toContain("playground stand-in model");
    let state = "";
    for (let i = 0; i < 40 && !/Lounge.*Chopsticks/.test(state); i++) {
      state = await interact(...(lines[1] as string[]));
      if (!/Lounge.*Chopsticks/.test(state)) await new Promise((done) => setTimeout(done, 250));
    }
    expect(state).toMatch(/Lounge.*in voice:.*Chopsticks/);
    await playground.lines.waitFor(
      (line) => line.includes('"event":"ai.voice"') && line.includes("queued"),
      {
        timeoutMs: 10_000,
      },
    );
  }, 120_000);
});

describe("music in the playground (npm start with nothing configured)", () => {
  it("plays in the simulated guild's voice channel and the queue advances by itself", async () => {
    expect(await interact("/music", "play", "query:lofi")).toContain("Now playing");
    const queued = await interact("/music", "play", "query:jazz");
    expect(queued).toMatch(/Queued[\s\S]*jazz[\s\S]*at #1/);
    // Nobody asks for anything: the accelerated Lavalink stand-in ends lofi and jazz starts.
    // Four other members take turns reading the queue, so the polling stays within each one's
    // music rate limit (15 a minute) and leaves the playground user's for the next test.
    const readers = [
      "200000000000000011",
      "200000000000000013",
      "200000000000000016",
      "200000000000000017",
    ];
    let queue = "";
    for (let i = 0; i < 60 && !/Now playing:\*\* \[jazz/.test(queue); i++) {
      await new Promise((done) => setTimeout(done, 500));
      queue = await interact("--user", readers[i % readers.length] ?? "", "/music", "queue");
    }
    expect(queue).toMatch(/Now playing:\*\* \[jazz/);
    expect(queue).not.toContain("lofi");
  }, 120_000);
});

describe("queue editing and the now-playing message in the playground (README lines)", () => {
  it("shuffle/unshuffle, remove out of range, filter, history, the posted message and its buttons, /dj", async () => {
    // cleo (also in Lounge) queues, so the playground user keeps within the music rate limit.
    for (const query of ["one", "two", "three", "four", "five", "six", "seven", "eight"])
      await interact("--user", "200000000000000012", "/music", "play", `query:${query}`);
    expect(await interact("/music", "shuffle")).toContain("Shuffled");
    expect(await interact("/music", "unshuffle")).toContain("Unshuffled");
    expect(await interact("/music", "unshuffle")).toContain("There is no shuffle to undo");
    expect(await interact("/music", "remove", "position:99")).toContain("There is no track #99");
    expect(await interact("/music", "filter", "preset:nightcore")).toContain("nightcore");
    const post = await interact("--posts");
    expect(post).toMatch(/Now playing|Paused/);
    expect(post).toContain("music:np:progress:");
    // The track may have ended since the post was read (songs last seconds here).
    expect(await interact("--press", "6")).toMatch(/🔘|already ended/);
    expect(await interact("/music", "history")).toContain("Recently played");
    expect(await interact("/dj", "set", "role:@Regulars")).toContain("DJ role set");
    expect(await interact("/dj", "clear")).toContain("DJ role cleared");
  }, 180_000);
});

describe("a playlist file in the playground (README line)", () => {
  it("/playlist upload file:<local path> attaches the file; a wrong one is refused privately", async () => {
    // cleo (in Lounge) uploads, so the playground user keeps within the music rate limit.
    const uploaded = await interact(
      "--user",
      "200000000000000012",
      "/playlist",
      "upload",
      "file:docs/examples/road-trip.m3u",
    );
    expect(uploaded).toContain("added **3** track(s) from 4 entries");
    expect(uploaded).toContain("1 not found: `nothing here`");
    const refused = await interact(
      "--user",
      "200000000000000012",
      "/playlist",
      "upload",
      "file:README.md",
    );
    expect(refused).toContain("only you can see this");
    expect(refused).toContain("is not a playlist file");
  }, 120_000);
});
