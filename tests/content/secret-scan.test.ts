import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = new URL("../../", import.meta.url).pathname;

/** Runs the project's secretlint config over one file in a scratch directory. */
function scan(text: string): number | null {
  const dir = mkdtempSync(join(tmpdir(), "secrets-lab-scan-"));
  try {
    cpSync(join(ROOT, ".secretlintrc.json"), join(dir, ".secretlintrc.json"));
    writeFileSync(join(dir, "config.ts"), text);
    const run = spawnSync(process.execPath, [join(ROOT, "node_modules/secretlint/bin/secretlint.js"), "--maskSecrets", "config.ts"], { cwd: dir, encoding: "utf8" });
    return run.status;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("secret scanner allow-list", () => {
  it("allows the course's fake keys", () => {
    expect(scan('const key = "sk_test_51FakeKeyForSecretsLab000000000000";\n')).toBe(0);
  });
  it("allows the course's fake npm tokens and still flags a real-looking one", () => {
    expect(scan("//registry.example/:_authToken=npm_FAKE7rQ2xVb9LmT4kWd8Zs1Hc6Pn\n")).toBe(0);
    const token = ["npm", "a8Kd93LmQz71XvB2nT5pR0sW4yE6uJ9cHf3G"].join("_");
    expect(scan(`//registry.npmjs.org/:_authToken=${token}\n`)).not.toBe(0);
  });

  it("still flags a Stripe-style key that is not one of ours", () => {
    // Assembled at run time so this test file itself does not trip the repo scan.
    const lookalike = ["sk", "test", "51Hx9aQ2eZvKYlo2C7uQxwRk3Lm0Np8Tb"].join("_");
    expect(scan(`const key = "${lookalike}";\n`)).not.toBe(0);
  });
});
