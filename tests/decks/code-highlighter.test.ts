import { expect, test } from "vitest";
import { getHighlighter, highlightCode } from "../../src/decks/code-highlighter";

test("in a shell transcript only typed lines are coloured; BuildKit's '#8' output stays plain", async () => {
  const html = highlightCode(await getHighlighter(), "$ docker build -t payments .\n#8 [4/5] RUN npm ci\n#8 DONE 0.5s", "shellsession");
  const lines = html.split('<span class="line"').slice(1);
  expect(lines).toHaveLength(3);
  expect(lines[0]).toMatch(/style="[^"]*color/);
  for (const output of lines.slice(1)) expect(output).not.toMatch(/style=/);
  expect(html).toContain("#8 [4/5] RUN npm ci");
});
