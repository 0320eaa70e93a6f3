/** The leak scanner alone: every form is found, masking hides it, masked last-4 is not a leak. */
import { describe, expect, test } from "vitest";
import { createCanary, type Canary } from "../../src/grading/canary.ts";
import { findCanaries, maskCanaries, excerptAround } from "../../src/grading/leak-scan.ts";

const apiKey: Canary = createCanary({ name: "payments_key", kind: "api-key", shownValue: "sk_test_51FakeKeyForSecretsLab000000000000" });
// Fixed, so each form below is the only one present (a random value is tried below, many times).
const password: Canary = { secret: "db_password", label: "the database password", version: "initial", value: 'Xq7"kP2\\mZ9#wR4%tY6!', prefixLength: 0 };

const b64 = (s: string) => Buffer.from(s).toString("base64");
const forms = (text: string, canary: Canary = apiKey) => findCanaries(text, [canary]).map((m) => m.form);

describe("findCanaries", () => {
  test.each([
    ["raw", () => `key is ${apiKey.value}!`, apiKey],
    ["base64", () => `token ${b64(apiKey.value)}`, apiKey],
    ["base64", () => `blob ${b64(JSON.stringify({ a: 1, key: apiKey.value }))}`, apiKey],
    ["base64", () => `blob ${b64("x" + apiKey.value)}`, apiKey],
    ["base64", () => `blob ${b64("xy" + apiKey.value)}`, apiKey],
    // Without '-' or '_' in it, base64url text is also valid base64: either name is right.
    ["base64 or base64url", () => `blob ${Buffer.from("\u00ff\u00fe" + apiKey.value + "??>>", "latin1").toString("base64url")}`, apiKey],
    ["hex", () => Buffer.from(apiKey.value).toString("hex"), apiKey],
    ["hex", () => Buffer.from(apiKey.value).toString("hex").toUpperCase(), apiKey],
    ["url-encoded", () => `https://x/?p=${encodeURIComponent(password.value)}`, password],
    ["url-encoded", () => `a=${new URLSearchParams({ p: password.value }).toString()}`, password],
    ["json-escaped", () => JSON.stringify({ password: password.value }), password],
    ["json-escaped", () => JSON.stringify(JSON.stringify({ password: password.value })), password],
    ["reversed", () => [...apiKey.value].reverse().join(""), apiKey],
    ["split-across-lines", () => `${apiKey.value.slice(0, 14)}\n${apiKey.value.slice(14)}\n`, apiKey],
    ["partial", () => `key ${apiKey.value.slice(0, -6)}******`, apiKey],
    ["partial", () => `key ${apiKey.value.slice(8, 16)}`, apiKey],
  ])("%s", (form, make, canary) => {
    const found = forms(make(), canary);
    expect([found[0], canary.value]).toEqual([expect.toBeOneOf(form.split(" or ")), canary.value]);
  });

  test("the last 4 characters behind a mask are not a leak, nor first 4 + last 4, nor the public prefix", () => {
    expect(forms(`key sk_test_****${apiKey.value.slice(-4)}`)).toEqual([]);
    expect(forms(`key ${apiKey.value.slice(0, 12)}…${apiKey.value.slice(-4)}`)).toEqual([]);
    expect(forms(`prefix sk_test_ only`)).toEqual([]);
  });

  test("7 consecutive random characters pass, 8 are a partial leak", () => {
    expect(forms(apiKey.value.slice(8, 15))).toEqual([]);
    expect(forms(apiKey.value.slice(8, 16))).toEqual(["partial"]);
  });
});

describe("masking", () => {
  test("maskCanaries hides every form", () => {
    const text = `raw ${apiKey.value} b64 ${b64(apiKey.value)} hex ${Buffer.from(apiKey.value).toString("hex")} part ${apiKey.value.slice(10, 22)}`;
    const masked = maskCanaries(text, [apiKey]);
    expect(masked).toBe("raw ‹payments_key› b64 ‹payments_key› hex ‹payments_key› part ‹payments_key›");
  });

  test("an excerpt shows context and never the canary", () => {
    const text = `${"x".repeat(100)} the key ${apiKey.value} was used ${b64(apiKey.value)} ${"y".repeat(100)}`;
    const [first] = findCanaries(text, [apiKey]);
    const excerpt = excerptAround(text, first!, [apiKey]);
    expect(excerpt).toContain("the key ‹payments_key› was used");
    expect(excerpt).not.toContain(apiKey.value.slice(8, 16));
    expect(findCanaries(excerpt, [apiKey])).toEqual([]);
  });
});

describe("over many fresh canaries", () => {
  // Canaries are random: each form must be found, and a 4-character mask must pass, for any of them.
  // A seeded source keeps the 300 draws varied but the same on every run, so a rare edge case shows
  // up as a steady failure to fix, not as a flaky CI.
  let state = 0x2f6b3a91;
  const seeded = (bytes: Uint8Array): Uint8Array => {
    for (let i = 0; i < bytes.length; i++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      bytes[i] = state & 0xff;
    }
    return bytes;
  };
  test("every form is found and last-4 masking never counts, for 300 canaries of each kind", () => {
    for (let i = 0; i < 300; i++) {
      for (const canary of [
        createCanary({ name: "k", kind: "api-key", shownValue: "sk_test_51FakeKeyForSecretsLab000000000000" }, "initial", seeded),
        createCanary({ name: "p", kind: "password", shownValue: "P@ssw0rd-demo-only" }, "initial", seeded),
        createCanary({ name: "q", kind: "password", symbols: '"\\%', shownValue: "P@ssw0rd-demo-only" }, "initial", seeded),
        createCanary({ name: "t", kind: "token", shownValue: "token-shown-in-the-statement" }, "initial", seeded),
      ]) {
        const v = canary.value;
        const found = (text: string) => findCanaries(text, [canary]).map((m) => m.form);
        expect(found(`a ${v} b`)).toEqual(["raw"]);
        expect(found(`x${b64(`{"k":"${v}"}`)}y`)[0]).toMatch(/^base64/);
        expect(found(Buffer.from(v).toString("hex"))).toEqual(["hex"]);
        expect([found(encodeURIComponent(v))[0], v]).toEqual([encodeURIComponent(v) === v ? "raw" : "url-encoded", v]);
        expect([found(JSON.stringify(v))[0], v]).toEqual([JSON.stringify(v) === `"${v}"` ? "raw" : "json-escaped", v]);
        expect(found([...v].reverse().join(""))[0]).toBe("reversed");
        expect(found(`${v.slice(0, 10)}\n${v.slice(10)}`)[0]).toBe("split-across-lines");
        expect(found(`masked ${v.slice(0, canary.prefixLength)}****${v.slice(-4)}`)).toEqual([]);
        expect(maskCanaries(`<${v}>`, [canary])).toBe(`<‹${canary.secret}›>`);
      }
    }
  }, 60_000);
});

describe("transformations a learner writes", () => {
  const secretPart = apiKey.value.slice(apiKey.prefixLength);
  const rot = (s: string, n: number) => s.replace(/[a-z]/gi, (c) => { const base = c <= "Z" ? 65 : 97; return String.fromCharCode(((c.charCodeAt(0) - base + n) % 26) + base); });
  test.each([
    ["separated", () => [...apiKey.value].join(",")],
    ["separated", () => [...apiKey.value].join(" - ")],
    ["separated", () => (apiKey.value.match(/.{1,7}/g) ?? []).join(".")],
    ["char-codes", () => JSON.stringify([...apiKey.value].map((c) => c.charCodeAt(0)))],
    ["char-codes", () => `[\n  ${[...apiKey.value].map((c) => c.charCodeAt(0)).join(", ")}\n]`],
    ["caesar", () => rot(apiKey.value, 13)],
    ["caesar", () => `shifted: ${rot(secretPart, 3)}`],
  ])("%s", (form, make) => {
    expect(forms(make())).toContain(form);
  });

  test("the last 4 characters, with or without separators, are still not a leak", () => {
    expect(forms(`key ${"*".repeat(8)}${apiKey.value.slice(-4)}`)).toEqual([]);
    expect(forms([...apiKey.value.slice(-4)].join(","))).toEqual([]);
  });

  test("ordinary output with numbers and punctuation is not a leak", () => {
    expect(forms("charged 1999 eur for cus_demo_1 at 2026-01-01T10:00:00Z, 200 OK, 3.14, [1, 2, 3]")).toEqual([]);
  });

  test("4 MB of separators and numbers (the worst case for these views) is scanned, and the leak at its end found", () => {
    const noise = "a,b;c.d-1 2|3\n".repeat(300_000);
    expect(forms(noise + [...apiKey.value].join(","))).toContain("separated");
    // 1.5 s idle, 14 s at load 20 on two cores: the budget is for a loaded machine, not a speed bound.
  }, 60_000);
});
