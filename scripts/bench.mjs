// `npm run bench [-- --json] [-- --runs N] [-- --build]`: measures the sandbox in Debian's Chromium on the built site.
// Every timed figure is measured `--runs` times (default 5) in this one invocation and printed as
// min / median / max, so a regression can be told from the noise of a loaded machine.
//   coldFirstOutputMs   first Run on a fresh page, sandbox visible and page idle 1 s: click -> first output
//   warmRerunMs         median of 20 re-runs, 250 ms apart, on one page: click -> result (one median per run)
//   loopKillMs          `while(true){}`: from the deadline to the page getting its answer
//   mainThreadMaxGapMs  longest gap between page timer ticks while that loop runs
//   sandboxJsKbGz       gzip -9 KB of all JS a lesson page with one sandbox loaded (page + island + worker)
//                       after the learner pressed Run on the example as shown. The table also gives the
//                       weight once the learner edits and runs again (CodeMirror and sucrase load on
//                       the first edit: see src/components/sandbox/lazy-code-editor.ts).
// Then, per provider SDK page (SDK_PAGES, one line each): cold first output of its example, and the
// JS the page fetched for that Run (its lazy bundle); the weight of each lazy bundle the Worker can be
// sent (LAZY_BUNDLES); with `--build` (or when dist/ is missing) the build's time per page; and for a
// deck page and a prose lesson page: JS and CSS gz KB on load and the Lighthouse mobile performance score
// (Lighthouse drives Debian's Chromium, offline; min(--runs, 3) runs).
// Every deck (each folder of dist/decks/) is measured the same way: `decks` lists, per deck, the JS
// fetched on load before any live island loads (the target is <= 45 KB gz), its CSS and Lighthouse.
// `--decks` measures the decks only (no sandbox figures: they are null in --json), for deck work.
// `--json` prints one object: the five sandbox figures (medians) under their old names, plus `runs`,
// `spread` (min/median/max of every figure), `sdk`, `lazyBundles`, `decks`, `pages` and `build` when measured.
// Numbers are printed, never asserted: targets live in the issue, not in a test.
// The preview server listens on $BENCH_PORT (default 4396), or pass a running one in $PREVIEW_URL.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright";
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import { chromiumArgs, chromiumPath, ensureChromium } from "./chromium-path.mjs";
import { startPreview } from "./preview-server.mjs";

/**
 * Pages whose sandbox runs a provider's official SDK: the cold first output includes fetching and
 * evaluating the provider's lazy bundle. Adding a provider's page is one line.
 */
const SDK_PAGES = [
  { name: "Azure Key Vault SDK", path: "/try/azure-key-vault/" },
];

/**
 * The bundles a page sends the Worker only when a program needs them (see src/runtime/protocol.ts),
 * by the generated module that holds each one's source. `build` makes the bundle when it is not
 * generated yet (the script prints its code with `--write <file>`).
 */
const LAZY_BUNDLES = [
  { name: "Azure SDK", generated: "src/runtime/generated/azure-sdk-source.ts" },
  { name: "AWS SDK", generated: "src/runtime/generated/aws-sdk-source.ts", build: "src/runtime/aws/build-aws-sdk-bundle.ts" },
  { name: "transpiler (sucrase)", generated: "src/runtime/generated/transpiler-source.ts" },
];

/** Where each figure should be (issue #20). */
const TARGETS = { coldFirstOutputMs: "<= 50", warmRerunMs: "<= 15", loopKillMs: "<= 10", mainThreadMaxGapMs: "<= 16", sandboxJsKbGz: "<= 80" };
const DECK_TARGETS = { jsKbGz: "<= 45", lighthouse: ">= 98" };
const decksOnly = process.argv.includes("--decks");

const json = process.argv.includes("--json");
const runsArg = process.argv.indexOf("--runs");
const RUNS = Math.max(1, runsArg > 0 ? Number(process.argv[runsArg + 1]) || 5 : 5);
const log = (...a) => (json ? console.error(...a) : console.log(...a));

function countPages(dir) {
  let n = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) n += countPages(path);
    else if (name.endsWith(".html")) n++;
  }
  return n;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x) => Math.round(x * 10) / 10;
/** min / median / max of a figure's runs (NaN-free: a run that gave no number is left out). */
const spread = (xs) => {
  const ok = xs.filter((x) => typeof x === "number" && Number.isFinite(x));
  if (!ok.length) return { min: NaN, median: NaN, max: NaN, runs: 0 };
  return { min: round(Math.min(...ok)), median: round(median(ok)), max: round(Math.max(...ok)), runs: ok.length };
};
const gz = (buffer) => gzipSync(buffer, { level: 9 }).length;
const kb = (bytes) => round(bytes / 1024);

let build;
if (!existsSync("dist/playground/index.html") || process.argv.includes("--build")) {
  const began = Date.now();
  const b = spawnSync("npm", ["run", "build", "--silent"], { stdio: ["ignore", json ? "ignore" : "inherit", "inherit"] });
  if (b.status !== 0) process.exit(b.status ?? 1);
  const ms = Date.now() - began;
  const pages = countPages("dist");
  build = { ms, pages, msPerPage: round(ms / pages) };
}
ensureChromium();
const server = await startPreview(Number(process.env.BENCH_PORT ?? 4396));
const base = server.url;

async function openSandbox(browser, path) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const scripts = [];
  page.on("response", async (res) => {
    const type = res.request().resourceType();
    // blob: workers re-run source the page already downloaded (counted in its chunk): not counted twice.
    if (!res.url().startsWith("http")) return;
    if (type === "script" || res.url().endsWith(".js")) scripts.push(res.body().then((b) => gz(b), () => 0));
  });
  await page.goto(base + path, { waitUntil: "networkidle" });
  await page.locator("secrets-sandbox").first().scrollIntoViewIfNeeded();
  await page.locator(".sandbox-ui").first().waitFor();
  await page.waitForLoadState("networkidle");
  // A learner reads before pressing Run: the page has a moment to warm up what it will need.
  await page.waitForTimeout(1000);
  const weight = async () => (await Promise.all(scripts)).reduce((a, b) => a + b, 0);
  return { page, scripts, weight, close: () => context.close() };
}

// Clicks Run inside the page and resolves with timings measured there.
const clickRun = (page) =>
  page.evaluate(
    () =>
      new Promise((resolve) => {
        const host = document.querySelector("secrets-sandbox");
        let first;
        let maxGap = 0;
        let last = performance.now();
        let ticking = true;
        const tick = () => {
          const now = performance.now();
          maxGap = Math.max(maxGap, now - last);
          last = now;
          if (ticking) setTimeout(tick, 0);
        };
        setTimeout(tick, 0);
        host.addEventListener("sandbox:first-output", (e) => (first ??= e.detail.at), { once: true });
        host.addEventListener(
          "sandbox:run",
          (e) => {
            ticking = false;
            const end = performance.now();
            resolve({ firstOutputMs: first === undefined ? null : first - start, totalMs: end - start, maxGap, result: e.detail });
          },
          { once: true },
        );
        const start = performance.now();
        host.querySelector(".sandbox-btn.primary").click();
      }),
  );

async function setCode(page, code) {
  await page.getByRole("textbox", { name: /^Code editor/ }).first().click();
  await page.locator(".cm-content").first().waitFor();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(code);
}

/** The gzip -9 weight of a lazy bundle: its generated source, or the bundle its build script makes. */
function bundleWeight({ generated, build: script }) {
  let code;
  if (existsSync(generated)) {
    // A generated module is a header and one `export const name: string = "<JSON string>";`.
    const text = readFileSync(generated, "utf8");
    const literal = text.slice(text.indexOf(" = ") + 3, text.lastIndexOf(";"));
    code = JSON.parse(literal);
  } else if (script && existsSync(script)) {
    mkdirSync(".cache", { recursive: true });
    const out = join(".cache", `bench-${script.replace(/\W+/g, "-")}.js`);
    const b = spawnSync(process.execPath, ["--experimental-strip-types", "--disable-warning=ExperimentalWarning", script, "--write", out], { stdio: ["ignore", "ignore", "inherit"] });
    if (b.status !== 0 || !existsSync(out)) return { kb: NaN, kbGz: NaN, from: `${script} failed` };
    code = readFileSync(out, "utf8");
  } else return { kb: NaN, kbGz: NaN, from: "not built" };
  return { kb: kb(Buffer.byteLength(code)), kbGz: kb(gz(code)), from: existsSync(generated) ? generated : `${script} (not generated yet)` };
}

/** JS and CSS weight on load (gzip -9) and the Lighthouse mobile performance score of each page. */
async function measurePages(list) {
  const out = [];
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  for (const [name, path] of list) {
    const page = await browser.newPage();
    const sizes = { js: [], css: [] };
    page.on("response", (res) => {
      const kind = res.request().resourceType() === "script" ? "js" : res.request().resourceType() === "stylesheet" ? "css" : undefined;
      if (kind && res.url().startsWith("http")) sizes[kind].push(res.body().then((b) => gz(b), () => 0));
    });
    await page.goto(base + path, { waitUntil: "networkidle" });
    const total = async (xs) => kb((await Promise.all(xs)).reduce((a, b) => a + b, 0));
    out.push({ name, path, jsKbGz: await total(sizes.js), cssKbGz: await total(sizes.css) });
    await page.close();
  }
  await browser.close();
  const lighthouseRuns = Math.min(RUNS, 3);
  for (const entry of out) {
    const scores = [];
    for (let i = 0; i < lighthouseRuns; i++) {
      // Lighthouse now and then returns no score (a trace it could not read): one more try, then say so.
      for (let attempt = 0; attempt < 2; attempt++) {
        const chrome = await chromeLauncher.launch({ chromePath: chromiumPath, chromeFlags: ["--headless=new", ...chromiumArgs] });
        try {
          const run = await lighthouse(base + entry.path, { port: chrome.port, onlyCategories: ["performance"], logLevel: "error", output: "json" });
          const score = run?.lhr.categories.performance.score;
          if (typeof score === "number") {
            scores.push(Math.round(score * 100));
            break;
          }
        } finally {
          await chrome.kill();
        }
      }
    }
    entry.lighthouse = spread(scores);
  }
  return out;
}

const fmt = (s) => (s.runs ? `${String(s.min).padStart(7)} ${String(s.median).padStart(7)} ${String(s.max).padStart(7)}` : "   (no number)        ");

/** One row per deck page, in file order: what the class's browser fetches before an island loads. */
const deckPages = () => readdirSync("dist/decks").filter((d) => existsSync(join("dist/decks", d, "index.html"))).sort().map((d) => [d, `/decks/${d}/`]);

const printDecks = (decks) => {
  console.log(`\ndeck (before an island)  JS KB gz  CSS KB gz  Lighthouse mobile perf (${Math.min(RUNS, 3)} runs: min median max)   targets: JS ${DECK_TARGETS.jsKbGz}, Lighthouse ${DECK_TARGETS.lighthouse}`);
  for (const p of decks) console.log(`${p.name.padEnd(24)} ${String(p.jsKbGz).padStart(8)}  ${String(p.cssKbGz).padStart(9)}  ${fmt(p.lighthouse)}`);
};

if (decksOnly) {
  try {
    const decks = await measurePages(deckPages());
    if (json) console.log(JSON.stringify({ coldFirstOutputMs: null, warmRerunMs: null, loopKillMs: null, mainThreadMaxGapMs: null, sandboxJsKbGz: null, runs: RUNS, deckTargets: DECK_TARGETS, decks, ...(build ? { build } : {}) }));
    else printDecks(decks);
  } finally {
    server.stop();
  }
  process.exit(0);
}

try {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  const samples = { coldFirstOutputMs: [], warmRerunMs: [], loopKillMs: [], mainThreadMaxGapMs: [] };

  // Cold first output on the lesson with one sandbox, each time on a fresh page (a new context: no cache).
  let sandboxJsKbGz;
  let editedJsKbGz;
  for (let i = 0; i < RUNS; i++) {
    const lesson = await openSandbox(browser, "/lessons/why-secrets/");
    const cold = await clickRun(lesson.page);
    samples.coldFirstOutputMs.push(cold.firstOutputMs ?? NaN);
    if (i === 0) {
      await lesson.page.waitForLoadState("networkidle");
      sandboxJsKbGz = kb(await lesson.weight());
      // The same page once the learner has edited the example and run it again.
      await lesson.page.getByRole("textbox", { name: /^Code editor/ }).first().click();
      await lesson.page.locator(".cm-content").first().waitFor();
      await lesson.page.keyboard.press("ControlOrMeta+End");
      await lesson.page.keyboard.insertText("\nconsole.log('edited');\n");
      await clickRun(lesson.page);
      await lesson.page.waitForLoadState("networkidle");
      editedJsKbGz = kb(await lesson.weight());
    }
    await lesson.close();
  }
  log(`cold first output: ${samples.coldFirstOutputMs.map(round).join(", ")} ms`);

  // Warm re-runs and the infinite loop on the playground, one fresh page per run.
  const warmAll = [];
  for (let i = 0; i < RUNS; i++) {
    const playground = await openSandbox(browser, "/playground/");
    const { page } = playground;
    await setCode(page, 'console.log("hi");\n');
    await clickRun(page);
    const warm = [];
    // A re-run a learner makes after reading the output: the spare Worker has had a moment to load.
    for (let j = 0; j < 20; j++) {
      await page.waitForTimeout(250);
      warm.push((await clickRun(page)).totalMs);
    }
    warmAll.push(...warm);
    samples.warmRerunMs.push(median(warm));
    await setCode(page, "while (true) {}\n");
    const loop = await clickRun(page);
    samples.loopKillMs.push(loop.result?.timings?.deadlineOverrunMs ?? NaN);
    samples.mainThreadMaxGapMs.push(loop.maxGap);
    await playground.close();
    log(`run ${i + 1}/${RUNS}: warm median ${round(median(warm))} ms (20 re-runs ${round(Math.min(...warm))}..${round(Math.max(...warm))}), loop killed ${round(loop.result?.timings?.deadlineOverrunMs ?? NaN)} ms late, max gap ${round(loop.maxGap)} ms`);
  }

  // Each provider SDK page: cold first output (its bundle fetched and evaluated) and what that Run fetched.
  const sdk = [];
  for (const entry of SDK_PAGES) {
    const firsts = [];
    let runKbGz = NaN;
    for (let i = 0; i < RUNS; i++) {
      const opened = await openSandbox(browser, entry.path);
      const before = opened.scripts.length;
      const run = await clickRun(opened.page);
      firsts.push(run.firstOutputMs ?? NaN);
      if (i === 0) {
        await opened.page.waitForLoadState("networkidle");
        runKbGz = kb((await Promise.all(opened.scripts.slice(before))).reduce((a, b) => a + b, 0));
      }
      await opened.close();
    }
    sdk.push({ name: entry.name, path: entry.path, coldFirstOutputMs: spread(firsts), fetchedOnRunKbGz: runKbGz });
  }
  await browser.close();

  const lazyBundles = LAZY_BUNDLES.map((bundle) => ({ name: bundle.name, ...bundleWeight(bundle) }));

  const pages = json ? [] : await measurePages([["lesson", "/lessons/file-mounts/"]]);
  const decks = await measurePages(deckPages());

  const spreads = Object.fromEntries(Object.entries(samples).map(([k, xs]) => [k, spread(xs)]));
  spreads.sandboxJsKbGz = { min: sandboxJsKbGz, median: sandboxJsKbGz, max: sandboxJsKbGz, runs: 1 };
  const results = {
    coldFirstOutputMs: spreads.coldFirstOutputMs.median,
    warmRerunMs: spreads.warmRerunMs.median,
    loopKillMs: spreads.loopKillMs.median,
    mainThreadMaxGapMs: spreads.mainThreadMaxGapMs.median,
    sandboxJsKbGz,
    runs: RUNS,
    targets: TARGETS,
    spread: spreads,
    warmRerunAllMs: spread(warmAll),
    editedJsKbGz,
    sdk,
    lazyBundles,
    deckTargets: DECK_TARGETS,
    decks,
    ...(build ? { build } : {}),
  };
  if (json) console.log(JSON.stringify(results));
  else {
    console.log(`\nmetric (${RUNS} runs)          min  median     max   target`);
    for (const k of Object.keys(TARGETS)) console.log(`${k.padEnd(20)} ${fmt(spreads[k])}   ${TARGETS[k]}`);
    console.log(`${"  after an edit".padEnd(20)} ${String(editedJsKbGz).padStart(23)}   (CodeMirror and sucrase loaded)`);
    console.log(`${"  every warm re-run".padEnd(20)} ${fmt(results.warmRerunAllMs)}   (all ${results.warmRerunAllMs.runs}, not their medians)`);
    console.log("\nSDK page: cold first output    min  median     max   JS fetched on Run KB gz");
    for (const s of sdk) console.log(`${s.name.padEnd(28)} ${fmt(s.coldFirstOutputMs)}   ${s.fetchedOnRunKbGz}`);
    console.log("\nlazy bundle                   KB   KB gz   from");
    for (const b of lazyBundles) console.log(`${b.name.padEnd(24)} ${String(b.kb).padStart(7)} ${String(b.kbGz).padStart(7)}   ${b.from}`);
    console.log(build ? `\nbuild: ${round(build.ms / 1000)} s for ${build.pages} pages, ${build.msPerPage} ms per page` : "\nbuild: not measured (dist/ was there; pass --build)");
    console.log(`\npage                 JS KB gz  CSS KB gz  Lighthouse mobile perf (${Math.min(RUNS, 3)} runs: min median max)`);
    for (const p of pages) console.log(`${p.name.padEnd(20)} ${String(p.jsKbGz).padStart(8)}  ${String(p.cssKbGz).padStart(9)}  ${fmt(p.lighthouse)}`);
    printDecks(decks);
  }
} finally {
  server.stop();
}
