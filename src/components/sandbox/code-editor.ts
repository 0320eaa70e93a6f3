import { EditorState, type Extension } from "@codemirror/state";
import { EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { syntaxHighlighting, bracketMatching, indentOnInput } from "@codemirror/language";
import { javascript } from "@codemirror/lang-javascript";
import { sandboxHighlightStyle } from "./highlight-style";

/**
 * A CodeMirror 6 editor holding several files, one visible at a time. Only the
 * pieces the sandbox needs are loaded (not `basicSetup`) to keep the island small.
 * Tab indents; Escape then Tab moves focus on (CodeMirror's own escape hatch),
 * which the sandbox tells the user next to the editor.
 */
export class CodeEditor {
  readonly view: EditorView;
  #states = new Map<string, EditorState>();
  #current: string;

  constructor(parent: HTMLElement, files: Record<string, string>, first: string, options: { onRun: () => void; label: string; lines: number }) {
    const runKey = keymap.of([{ key: "Mod-Enter", run: () => (options.onRun(), true), preventDefault: true }]);
    const extensions = (name: string): Extension[] => [
      runKey,
      lineNumbers(),
      history(),
      drawSelection(),
      highlightActiveLine(),
      indentOnInput(),
      bracketMatching(),
      syntaxHighlighting(sandboxHighlightStyle),
      // Wrapping instead of a horizontal scroller: no scroll region to reach by keyboard, and long lines stay readable on a phone.
      EditorView.lineWrapping,
      keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
      name.endsWith(".ts") || name.endsWith(".js") || name.endsWith(".mjs") ? javascript({ typescript: name.endsWith(".ts") }) : [],
      EditorView.contentAttributes.of({ "aria-label": `${options.label}: ${name}`, "aria-multiline": "true" }),
      EditorView.theme({ "&": { minHeight: `${Math.max(6, options.lines) * 1.5}em` } }),
    ];
    for (const [name, text] of Object.entries(files)) this.#states.set(name, EditorState.create({ doc: text, extensions: extensions(name) }));
    this.#current = first;
    this.view = new EditorView({ state: this.#states.get(first)!, parent });
  }

  show(name: string): void {
    const next = this.#states.get(name);
    if (!next || name === this.#current) return;
    this.#states.set(this.#current, this.view.state);
    this.#current = name;
    this.view.setState(next);
  }

  /** Every file's current text. */
  files(): Record<string, string> {
    this.#states.set(this.#current, this.view.state);
    return Object.fromEntries([...this.#states].map(([name, state]) => [name, state.doc.toString()]));
  }

  reset(files: Record<string, string>): void {
    for (const [name, text] of Object.entries(files)) {
      const state = name === this.#current ? this.view.state : this.#states.get(name);
      if (!state) continue;
      const updated = state.update({ changes: { from: 0, to: state.doc.length, insert: text } }).state;
      if (name === this.#current) this.view.setState(updated);
      else this.#states.set(name, updated);
    }
  }

  destroy(): void {
    this.view.destroy();
  }
}
