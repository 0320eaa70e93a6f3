import { createHighlighter, type Highlighter, type ShikiTransformer } from "shiki";
import { plainShellOutput } from "./plain-shell-output.mjs";

/** Languages decks and lessons show; loading only these keeps builds fast. */
const LANGS = ["typescript", "javascript", "bash", "shellsession", "dockerfile", "yaml", "json", "ini", "diff", "text"] as const;
const THEMES = { light: "github-light-high-contrast", dark: "github-dark-high-contrast" } as const;

let highlighter: Promise<Highlighter> | undefined;

/** One highlighter per build: creating it loads grammars, which is the slow part. */
export function getHighlighter(): Promise<Highlighter> {
  highlighter ??= createHighlighter({ themes: Object.values(THEMES), langs: [...LANGS] });
  return highlighter;
}

/**
 * Parses a fence's line spec: `{2,4-5}` highlights those lines; `{1|3-4|6}`
 * steps through groups, one per fragment. Returns one set of line numbers per step.
 */
export function parseLineSteps(spec: string | undefined): Set<number>[] {
  if (!spec) return [];
  return spec.split("|").map((step) => {
    const lines = new Set<number>();
    for (const part of step.split(",").map((p) => p.trim()).filter(Boolean)) {
      const m = /^(\d+)(?:-(\d+))?$/.exec(part);
      if (!m) throw new Error(`line spec "{${spec}}" has "${part}", which is not a line number or range like 3-5`);
      const from = Number(m[1]);
      const to = Number(m[2] ?? m[1]);
      for (let n = from; n <= to; n++) lines.add(n);
    }
    return lines;
  });
}

function markLines(steps: Set<number>[]): ShikiTransformer {
  return {
    name: "secrets-lab:line-steps",
    line(node, line) {
      node.properties["data-line"] = line;
      if (steps[0]?.has(line)) this.addClassToHast(node, "highlighted");
    },
    pre(node) {
      if (steps.length > 0) this.addClassToHast(node, "has-highlights");
      if (steps.length > 1) {
        node.properties["data-steps"] = steps.map((s) => [...s].join(",")).join("|");
      }
    },
  };
}

/** Highlights a code block at build time in both themes (CSS picks one). */
export function highlightCode(hl: Highlighter, code: string, lang: string, lineSpec?: string): string {
  // Shiki always knows "text" (plain), though it is not listed among the loaded grammars.
  const known = lang === "text" || (hl.getLoadedLanguages() as string[]).includes(lang);
  const language = known ? lang : aliasOf(lang);
  return hl.codeToHtml(code, {
    lang: language,
    themes: THEMES,
    defaultColor: "light",
    transformers: [plainShellOutput, markLines(parseLineSteps(lineSpec))],
  });
}

function aliasOf(lang: string): string {
  const aliases: Record<string, string> = { ts: "typescript", js: "javascript", sh: "bash", shell: "bash", console: "shellsession", env: "ini", dotenv: "ini", yml: "yaml", "": "text" };
  const alias = aliases[lang];
  if (alias === undefined) throw new Error(`code block language "${lang}" is not loaded; use one of ${LANGS.join(", ")}`);
  return alias;
}
