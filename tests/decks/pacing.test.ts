import { describe, expect, it } from "vitest";
import { clock, pacing } from "../../src/decks/client/pacing";

describe("pacing against the deck's duration", () => {
  it("starts on time: slide 1 is planned at 0:00", () => {
    const p = pacing(10_000, 20, 1, 15);
    expect(p.plannedMs).toBe(0);
    expect(p.state).toBe("on time");
    expect(p.text).toBe("0:10 elapsed of 20:00 planned · slide 1 of 15 is planned at 0:00 · on time");
  });
  it("is behind when the clock passes the plan, ahead when the slides do", () => {
    expect(pacing(5 * 60_000, 20, 1, 15)).toMatchObject({ state: "behind", text: expect.stringMatching(/· 5:00 behind$/) });
    // Slide 8 of 15 starts at 7/15 of 20 minutes: 9:20.
    const ahead = pacing(5 * 60_000, 20, 8, 15);
    expect(ahead.plannedMs).toBe(560_000);
    expect(ahead).toMatchObject({ state: "ahead", text: expect.stringMatching(/planned at 9:20 · 4:20 ahead$/) });
  });
  it("counts within 30 seconds of the plan as on time", () => {
    expect(pacing(560_000 + 29_000, 20, 8, 15).state).toBe("on time");
    expect(pacing(560_000 + 31_000, 20, 8, 15).state).toBe("behind");
  });
  it("prints minutes and seconds", () => {
    expect(clock(75_000)).toBe("1:15");
    expect(clock(3_600_000)).toBe("60:00");
    expect(clock(-5)).toBe("0:00");
  });
});
