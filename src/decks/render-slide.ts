import { Marked, type Tokens } from "marked";
import type { Highlighter } from "shiki";
import { highlightCode, parseLineSteps } from "./code-highlighter";

/**
 * Renders one slide's Markdown to reveal.js HTML at build time.
 * Two deck conventions on top of Markdown:
 * - a list written with `+` bullets reveals one item per step (reveal fragments);
 * - a fence info like ```ts {1|3-4} steps through line groups, one per step.
 */
export function renderSlideMarkdown(markdown: string, hl: Highlighter): string {
  const marked = new Marked({
    gfm: true,
    walkTokens(token) {
      if (token.type === "list" && token.raw.trimStart().startsWith("+")) {
        for (const item of (token as Tokens.List).items) (item as FragmentItem).fragment = true;
      }
    },
    renderer: {
      listitem(item) {
        const cls = (item as FragmentItem).fragment ? ' class="fragment"' : "";
        return `<li${cls}>${this.parser.parse(item.tokens)}</li>\n`;
      },
      image({ href, title, text }) {
        // Alt text is required: a screen-reader user in the class gets the slide's content too.
        if (!text.trim()) throw new Error(`image "${href}" has no alt text: write ![what it shows](${href})`);
        const titleAttr = title ? ` title="${escapeAttr(title)}"` : "";
        return `<img src="${escapeAttr(href)}" alt="${escapeAttr(text)}"${titleAttr} loading="lazy">`;
      },
      code({ text, lang }) {
        const [language = "text", ...rest] = (lang ?? "").trim().split(/\s+/);
        const spec = /\{([^}]*)\}/.exec(rest.join(" "))?.[1];
        const html = highlightCode(hl, text, language, spec);
        // One empty fragment per extra step: reveal counts them, the deck script moves the highlight.
        const steps = parseLineSteps(spec).length;
        const markers = Array.from({ length: Math.max(0, steps - 1) }, (_, i) => `<span class="fragment code-step" data-code-step="${i + 1}"></span>`).join("");
        return steps > 1 ? `<div class="code-stepper">${html}${markers}</div>` : html;
      },
    },
  });
  return marked.parse(markdown, { async: false });
}

function escapeAttr(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

interface FragmentItem extends Tokens.ListItem {
  fragment?: boolean;
}
