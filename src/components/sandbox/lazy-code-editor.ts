import type { CodeEditor } from "./code-editor";
import { keepSandboxDraft } from "../progress/sandbox-draft";

/** How long Escape makes the next Tab move focus (CodeMirror's own window for it). */
const ESCAPE_WINDOW_MS = 2000;

/** What the sandbox and the exercise panel need from an editor, loaded or not. */
export interface SandboxEditor {
  show(name: string): void;
  /** Every file's current text. */
  files(): Record<string, string>;
  reset(files: Record<string, string>): void;
}

export interface LazyCodeEditorOptions {
  onRun: () => void;
  label: string;
  lines: number;
  /** The page's build-time highlighted `<pre>` of each file, shown until CodeMirror loads. */
  rendered: Map<string, HTMLElement>;
  /** Load CodeMirror now (an exercise, where editing is the point) rather than on the first intent to edit. */
  eager: boolean;
  /** The learner means to edit (the code got focus): a chance to fetch what editing will need. */
  onEditStart: () => void;
  /** The editor could not load (offline, a missing chunk): the plain-text editing stays. */
  onLoadError: (error: unknown) => void;
  /** CodeMirror took over. */
  onLoaded: () => void;
}

interface Preview {
  pre: HTMLElement;
  /** The text and markup the page rendered, to restore on Reset. */
  source: string;
  html: string;
}

/**
 * The sandbox's editor, in two stages. First each file is the highlighted code the page already
 * rendered, made editable as plain text (`contenteditable="plaintext-only"`): reading a lesson and
 * pressing Run needs no editor code at all. CodeMirror (about 135 KB gz) loads on the first intent
 * to edit: focus on the code (a click, a tap or Tab; not a finger scrolling past). It then takes over
 * the text, the caret and the focus, so keys typed while it loads are kept; it waits for a mouse
 * button or an input method to finish first. If it cannot load, plain-text editing still works, and
 * the next focus tries again.
 */
export class LazyCodeEditor implements SandboxEditor {
  #host: HTMLElement;
  #options: LazyCodeEditorOptions;
  #previews = new Map<string, Preview>();
  #current: string;
  #editor: CodeEditor | undefined;
  #loading: Promise<void> | undefined;
  #composing = false;
  #pointerDown = false;
  /** Escape was the last key pressed in the code (CodeMirror's "Esc, then Tab moves on"). */
  #escaped = false;

  constructor(host: HTMLElement, files: Record<string, string>, first: string, options: LazyCodeEditorOptions) {
    this.#host = host;
    this.#options = options;
    this.#current = first;
    for (const [name, source] of Object.entries(files)) {
      const pre = this.#previewElement(name, source);
      this.#previews.set(name, { pre, source, html: pre.innerHTML });
      pre.hidden = name !== first;
      host.append(pre);
    }
    const load = () => void this.load();
    host.addEventListener("focusin", load);
    // Swapping elements under a drag-select or an input method would drop the selection or the
    // composed text: the swap waits for both to end.
    host.addEventListener("pointerdown", () => (this.#pointerDown = true));
    host.ownerDocument.addEventListener("pointerup", () => (this.#pointerDown = false), true);
    host.ownerDocument.addEventListener("pointercancel", () => (this.#pointerDown = false), true);
    host.addEventListener("keydown", (event) => (this.#escaped = event.key === "Escape"));
    host.addEventListener("compositionstart", () => (this.#composing = true));
    host.addEventListener("compositionend", () => (this.#composing = false));
    if (options.eager) load();
    // A lesson's sandbox keeps the learner's edits across visits; an exercise keeps its own draft.
    // (Here rather than in mount-sandbox, which is being rewritten: the hook belongs there.)
    const sandbox = host.closest<HTMLElement>("secrets-sandbox");
    if (sandbox && !sandbox.classList.contains("exercise") && sandbox.closest("[data-keep-drafts]")) keepSandboxDraft(sandbox, this, files);
  }

  /** The build-time markup when it holds exactly this text, else the text unhighlighted. */
  #previewElement(name: string, source: string): HTMLElement {
    const rendered = this.#options.rendered.get(name);
    const pre = rendered && rendered.textContent === source ? rendered : Object.assign(document.createElement("pre"), { textContent: source });
    pre.className = `${pre.className} sandbox-preview`.trim();
    pre.removeAttribute("style");
    try {
      pre.contentEditable = "plaintext-only";
    } catch {
      // Browsers without plaintext-only (Firefox before 136) throw: rich editing still edits the text.
      pre.contentEditable = "true";
    }
    // Explicit, though contenteditable is focusable anyway: axe counts only tabindex as focusable for a
    // scrolling region (a tall file on a slide scrolls).
    pre.tabIndex = 0;
    pre.setAttribute("role", "textbox");
    pre.setAttribute("aria-multiline", "true");
    pre.setAttribute("aria-label", `${this.#options.label}: ${name}`);
    pre.setAttribute("spellcheck", "false");
    pre.setAttribute("autocapitalize", "off");
    pre.setAttribute("autocorrect", "off");
    pre.setAttribute("translate", "no");
    pre.style.minHeight = `${Math.max(6, this.#options.lines) * 1.5}em`;
    // The gutter as wide as CodeMirror's will be for this many lines, so the swap does not move the text.
    pre.style.setProperty("--gutter", `calc(${Math.max(2, String(source.split("\n").length).length)}ch + 8px)`);
    return pre;
  }

  /** Loads CodeMirror and hands it the files; resolves once it shows (or failed to load). */
  load(): Promise<void> {
    if (!this.#loading) {
      this.#options.onEditStart();
      this.#loading = import("./code-editor")
        .then(async ({ CodeEditor }) => {
          await this.#whenSettled();
          this.#swapIn(CodeEditor);
        })
        .catch((error: unknown) => {
          // Plain-text editing goes on; the next focus tries again (the network may be back).
          this.#loading = undefined;
          this.#host.classList.add("sandbox-editor-plain");
          this.#options.onLoadError(error);
        });
    }
    return this.#loading;
  }

  /** Resolves when no mouse button is held and no input method is composing. */
  #whenSettled(): Promise<void> {
    if (!this.#composing && !this.#pointerDown) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (this.#composing || this.#pointerDown) return;
        this.#host.removeEventListener("compositionend", later);
        this.#host.ownerDocument.removeEventListener("pointerup", later, true);
        resolve();
      };
      // After the event's own handlers (and the browser's commit of the composed text).
      const later = () => setTimeout(check);
      this.#host.addEventListener("compositionend", later);
      this.#host.ownerDocument.addEventListener("pointerup", later, true);
    });
  }

  #swapIn(Editor: typeof CodeEditor): void {
    if (this.#editor) return;
    const files = this.files();
    const pre = this.#previews.get(this.#current)?.pre;
    const hadFocus = pre !== undefined && pre.contains(document.activeElement);
    const selection = hadFocus && pre ? selectionOffsets(pre) : undefined;
    // The editor is built before the previews go, so a failure leaves the learner's text in place.
    const editor = new Editor(this.#host, files, this.#current, { onRun: this.#options.onRun, label: this.#options.label, lines: this.#options.lines });
    for (const preview of this.#previews.values()) preview.pre.remove();
    this.#previews.clear();
    this.#host.classList.remove("sandbox-editor-plain");
    this.#editor = editor;
    this.#options.onLoaded();
    if (hadFocus) {
      const length = editor.view.state.doc.length;
      if (selection) editor.view.dispatch({ selection: { anchor: Math.min(selection.anchor, length), head: Math.min(selection.head, length) } });
      editor.view.focus();
      // Esc as the last key before the swap keeps its meaning: the next Tab leaves the editor, as in
      // CodeMirror. The window starts now, not at the key: the learner could not Tab on while it loaded.
      if (this.#escaped) editor.view.setTabFocusMode(ESCAPE_WINDOW_MS);
    }
  }

  show(name: string): void {
    if (this.#editor) return this.#editor.show(name);
    if (!this.#previews.has(name)) return;
    this.#current = name;
    for (const [file, preview] of this.#previews) preview.pre.hidden = file !== name;
  }

  files(): Record<string, string> {
    if (this.#editor) return this.#editor.files();
    // Read from the page every time: whatever changed the text (typing, an extension), the run uses what is shown.
    return Object.fromEntries([...this.#previews].map(([name, preview]) => [name, plainText(preview.pre)]));
  }

  reset(files: Record<string, string>): void {
    if (this.#editor) return this.#editor.reset(files);
    for (const [name, text] of Object.entries(files)) {
      const preview = this.#previews.get(name);
      if (!preview) continue;
      if (text === preview.source) preview.pre.innerHTML = preview.html;
      else preview.pre.textContent = text;
    }
  }
}

/**
 * The text of a preview: its text nodes, with a `<br>` as a newline, and a newline before a block
 * (`<div>`, `<p>`) that follows text, as rich contenteditable inserts them for Enter.
 */
function plainText(root: Node): string {
  let text = "";
  const walk = (node: Node): void => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) text += (child as Text).data;
      else if (child.nodeName === "BR") text += "\n";
      else {
        if ((child.nodeName === "DIV" || child.nodeName === "P") && text !== "" && !text.endsWith("\n")) text += "\n";
        walk(child);
      }
    }
  };
  walk(root);
  return text;
}

/** The selection inside `root` as character offsets into its plain text. */
function selectionOffsets(root: Node): { anchor: number; head: number } | undefined {
  const selection = root.ownerDocument?.getSelection();
  if (!selection?.anchorNode || !selection.focusNode || !root.contains(selection.anchorNode) || !root.contains(selection.focusNode)) return undefined;
  const offsetOf = (node: Node, offset: number): number => {
    const range = root.ownerDocument!.createRange();
    range.setStart(root, 0);
    range.setEnd(node, offset);
    // cloneContents keeps <br>s, which the range's toString would drop.
    return plainText(range.cloneContents()).length;
  };
  return { anchor: offsetOf(selection.anchorNode, selection.anchorOffset), head: offsetOf(selection.focusNode, selection.focusOffset) };
}
