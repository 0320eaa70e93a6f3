// @ts-check
/**
 * Shiki's shellsession grammar takes any line starting with `#` for a root prompt, so BuildKit's
 * progress output (`#8 [4/5] RUN npm ci`) was coloured like a command. In a transcript only `$ `
 * lines (and `> ` continuation lines) are typed; everything else is what the machine printed, shown
 * in the block's plain colour. Shared by lessons (astro.config.mjs) and decks (code-highlighter.ts).
 * @type {import("shiki").ShikiTransformer}
 */
export const plainShellOutput = {
  name: "secrets-lab:plain-shell-output",
  tokens(lines) {
    if (this.options.lang !== "shellsession" && this.options.lang !== "console") return;
    return lines.map((line) => {
      const text = line.map((token) => token.content).join("");
      if (text === "" || /^(\$|>)( |$)/.test(text)) return line;
      return [{ content: text, offset: line[0]?.offset ?? 0 }];
    });
  },
};
