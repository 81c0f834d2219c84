import { describe, expect, it } from "vitest";
import { MAX_PENDING_SPEECHES, SpeechInterludes } from "../../src/music/node/speech-interludes.ts";

const speech = (encoded: string, lengthMs = 10_000) => ({ encoded, lengthMs });

describe("SpeechInterludes (spoken answers per guild, in memory)", () => {
  it("waits in order, at most MAX_PENDING_SPEECHES per guild, guilds apart", () => {
    const speeches = new SpeechInterludes(() => 0);
    for (let i = 0; i < MAX_PENDING_SPEECHES; i++)
      expect(speeches.enqueue("g1", speech(`s${i}`))).toBe(true);
    expect(speeches.enqueue("g1", speech("one too many"))).toBe(false);
    expect(speeches.enqueue("g2", speech("other guild"))).toBe(true);
    expect(speeches.takePending("g1")?.encoded).toBe("s0");
    expect(speeches.waiting("g1")).toBe(MAX_PENDING_SPEECHES - 1);
    expect(speeches.takePending("g2")?.encoded).toBe("other guild");
    expect(speeches.takePending("g2")).toBeUndefined();
  });

  it("ends only the speech that plays, saying what follows it", () => {
    const speeches = new SpeechInterludes(() => 0);
    speeches.started("g", speech("a"), "continue");
    expect(speeches.isSpeaking("g", "a")).toBe(true);
    expect(speeches.finish("g", "b")).toBeNull();
    expect(speeches.finish("g", "a")).toBe("continue");
    expect(speeches.isSpeaking("g", "a")).toBe(false);
    expect(speeches.interrupt("g")).toBeNull();
  });

  it("forgets a speech whose end never came (30 s past its length), and everything on forget", () => {
    let now = 0;
    const speeches = new SpeechInterludes(() => now);
    speeches.started("g", speech("a", 10_000), "idle");
    now = 40_000;
    expect(speeches.isSpeaking("g", "a")).toBe(true);
    now = 40_001;
    expect(speeches.current("g")).toBeUndefined();
    speeches.started("g", speech("b"), "idle");
    speeches.enqueue("g", speech("c"));
    speeches.forget("g");
    expect(speeches.current("g")).toBeUndefined();
    expect(speeches.waiting("g")).toBe(0);
  });
});
