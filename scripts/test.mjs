// `npm test`: every test, unit and browser, on a fresh machine.
// 1. make sure Debian's Chromium is there (Playwright cannot download one here)
// 2. scan the repo for secrets (fake course keys are allow-listed in .secretlintrc.json), type-check
// 3. vitest (engines, content rules)  4. build the site  5. Playwright (pages in Chromium)
// It ends with one line, "N passed, N failed", summing both suites.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, existsSync, rmSync } from "node:fs";
import { ensureChromium } from "./chromium-path.mjs";

const reports = ".cache/test-reports";
mkdirSync(reports, { recursive: true });
const problems = [];

const startedAt = Date.now();
/** Seconds each step took, printed at the end so a slow suite shows where the time went. */
const durations = [];
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function step(title, cmd, args, env = {}) {
  console.log(`\n=== ${title}`);
  const began = Date.now();
  const result = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  durations.push([title, Date.now() - began]);
  if (result.status !== 0) problems.push(`${title} exited with ${result.status ?? result.signal}`);
  return result.status === 0;
}

/** A suite that exited non-zero counts at least one failure, even when its report shows none. */
const atLeastOneIf = (failedStep, count) => (failedStep && count === 0 ? 1 : count);

function readJson(path) {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
}

try {
  ensureChromium();
} catch (err) {
  problems.push(`Chromium: ${err.message}`);
}

step("Secret scan (secretlint)", "npx", ["secretlint", "--maskSecrets", "**/*"]);
// astro sync writes the content-collection types (.astro/) that tsc needs on a fresh clone.
if (step("Generate content types (astro sync)", "npx", ["astro", "sync"])) step("Type check (tsc, strict)", "npx", ["tsc", "--noEmit", "-p", "."]);

const vitestJson = `${reports}/vitest.json`;
rmSync(vitestJson, { force: true });
const unitOk = step("Unit tests (vitest)", "npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`]);
const unit = readJson(vitestJson);

let e2e;
let e2eOk = false;
if (step("Build the site", "npm", ["run", "build", "--silent"])) {
  const pwJson = `${reports}/playwright.json`;
  rmSync(pwJson, { force: true });
  e2eOk = step("Browser tests (Playwright, Chromium)", "npx", ["playwright", "test", "--reporter=list,json"], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });
  e2e = readJson(pwJson);
} else {
  problems.push("browser tests did not run: the build failed");
}

const unitPassed = unit?.numPassedTests ?? 0;
const unitFailed = unit ? atLeastOneIf(!unitOk, unit.numFailedTests) : 1;
const e2ePassed = e2e?.stats?.expected ?? 0;
const e2eFailed = e2e ? atLeastOneIf(!e2eOk, (e2e.stats.unexpected ?? 0) + (e2e.stats.flaky ?? 0)) : 1;
if (!unit) problems.push("no vitest report was written");
if (!e2e) problems.push("no Playwright report was written");

console.log("\nDuration:");
for (const [title, ms] of durations) console.log(`  ${seconds(ms).padStart(8)}  ${title}`);
console.log(`  ${seconds(Date.now() - startedAt).padStart(8)}  in all`);
console.log(`\nUnit: ${unitPassed} passed, ${unitFailed} failed · Browser: ${e2ePassed} passed, ${e2eFailed} failed`);
for (const p of problems) console.log(`problem: ${p}`);
console.log(`${unitPassed + e2ePassed} passed, ${unitFailed + e2eFailed} failed`);
process.exit(problems.length === 0 && unitFailed + e2eFailed === 0 ? 0 : 1);
