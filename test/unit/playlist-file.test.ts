import { describe, expect, it } from "vitest";
import {
  decodePlaylistText,
  PLAYLIST_MAX_ENTRIES,
  parsePlaylistFile,
  playlistFormatOf,
} from "../../src/domain/music/playlist-file.ts";

const entries = (format: Parameters<typeof parsePlaylistFile>[0], text: string) => {
  const parsed = parsePlaylistFile(format, text);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.entries;
};
const problem = (format: Parameters<typeof parsePlaylistFile>[0], text: string) => {
  const parsed = parsePlaylistFile(format, text);
  return parsed.ok ? null : parsed.problem;
};

describe("which files /playlist upload reads", () => {
  it.each([
    ["mix.txt", "txt"],
    ["Road Trip.M3U", "m3u"],
    ["list.m3u8", "m3u8"],
    ["export.csv", "csv"],
    ["spotify.json", "json"],
    ["song.mp3", null],
    ["playlist", null],
    ["notes.txt.exe", null],
  ])("%s → %s", (name, format) => {
    expect(playlistFormatOf(name)).toBe(format);
  });

  it("takes UTF-8 (with or without a byte-order mark), refuses other bytes", () => {
    const utf8 = new TextEncoder().encode("Sigur Rós - Hoppípolla");
    expect(decodePlaylistText(utf8)).toBe("Sigur Rós - Hoppípolla");
    expect(decodePlaylistText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toBe("a");
    // Latin-1 "Rós": 0xF3 alone is not UTF-8.
    expect(decodePlaylistText(new Uint8Array([0x52, 0xf3, 0x73]))).toBeNull();
    expect(decodePlaylistText(new Uint8Array([0x61, 0x00, 0x62]))).toBeNull();
  });
});

describe("entries in file order", () => {
  it("txt: one URL or search a line; blank lines and # comments skipped", () => {
    expect(
      entries("txt", "# my mix\r\nhttps://youtu.be/abc\n\n  Daft Punk  -  One More Time \nlofi\n"),
    ).toEqual(["https://youtu.be/abc", "Daft Punk - One More Time", "lofi"]);
  });

  it("m3u: URLs as they are; local files become searches for their #EXTINF title or name", () => {
    const m3u = [
      "#EXTM3U",
      "#EXTINF:215,Daft Punk - Digital Love",
      "C:\\Music\\Daft Punk\\04 Digital Love.mp3",
      "https://example.com/stream.mp3",
      "/home/me/Music/Massive_Attack-Teardrop.flac",
    ].join("\n");
    expect(entries("m3u8", m3u)).toEqual([
      "Daft Punk - Digital Love",
      "https://example.com/stream.mp3",
      "Massive Attack-Teardrop",
    ]);
  });

  it("csv with a header: url column, else artist and title (quotes and commas in fields)", () => {
    const csv = [
      "Track Name,Artist Name(s),URL",
      '"Hello, Goodbye",The Beatles,',
      "Teardrop,Massive Attack,https://open.example/track/1",
    ].join("\n");
    expect(entries("csv", csv)).toEqual([
      "The Beatles - Hello, Goodbye",
      "https://open.example/track/1",
    ]);
  });

  it("csv without a header: a URL, or artist,title, or a search", () => {
    expect(entries("csv", "https://youtu.be/x\nDaft Punk,Around the World\nlofi beats\n")).toEqual([
      "https://youtu.be/x",
      "Daft Punk - Around the World",
      "lofi beats",
    ]);
  });

  it.each([
    [
      '["https://youtu.be/a", "Daft Punk - Aerodynamic"]',
      ["https://youtu.be/a", "Daft Punk - Aerodynamic"],
    ],
    [
      '{"tracks":[{"artist":"Air","title":"La femme d\'argent"},{"url":"https://youtu.be/b"}]}',
      ["Air - La femme d'argent", "https://youtu.be/b"],
    ],
    ['{"entries":[{"name":"Windowlicker","author":"Aphex Twin"}]}', ["Aphex Twin - Windowlicker"]],
  ])("json %s", (json, expected) => {
    expect(entries("json", json)).toEqual(expected);
  });
});

describe("files refused, each with what is wrong", () => {
  it.each([
    ["json", "{not json", "not valid JSON"],
    ["json", '{"songs": ["a"]}', "A JSON playlist must be a list of URLs or searches"],
    ["json", '["a", 42, "b"]', "entry 2 is not one"],
    ["json", '{"tracks": "a"}', "A JSON playlist must be"],
    ["txt", "\n  \n# only a comment\n", "no entries"],
    ["csv", 'a,"unclosed\nb,c', "CSV cannot be read"],
    ["txt", `ok\n${"x".repeat(501)}\n`, "Entry 2 is 501 characters long; the limit is 500"],
  ] as const)("%s: %j", (format, text, expected) => {
    expect(problem(format, text)).toContain(expected);
  });

  it(`more than ${PLAYLIST_MAX_ENTRIES} entries`, () => {
    const lines = Array.from({ length: PLAYLIST_MAX_ENTRIES + 1 }, (_, i) => `song ${i}`);
    expect(problem("txt", lines.join("\n"))).toBe(
      "The file has 1001 entries; a playlist may have at most 1000.",
    );
    expect(entries("txt", lines.slice(1).join("\n"))).toHaveLength(1000);
  });
});
