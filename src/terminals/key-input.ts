/**
 * Turns what xterm.js hands `onData` into editing actions. A key press arrives as one
 * character or one escape sequence (`\x1b[A` for Up); a paste arrives as one chunk of
 * text whose newlines become Enter, so a multi-line paste runs line by line.
 */
export type EditKey =
  | "backspace" | "delete" | "left" | "right" | "home" | "end" | "up" | "down" | "tab"
  | "kill-start" | "kill-end" | "word-back" | "cancel" | "clear-screen";

export type InputAction = { kind: "insert"; text: string } | { kind: "enter" } | { kind: "key"; key: EditKey };

const CONTROL: Record<string, EditKey> = {
  "\x7f": "backspace",
  "\b": "backspace",
  "\x01": "home", // Ctrl+A
  "\x05": "end", // Ctrl+E
  "\x02": "left", // Ctrl+B
  "\x06": "right", // Ctrl+F
  "\x15": "kill-start", // Ctrl+U
  "\x0b": "kill-end", // Ctrl+K
  "\x17": "word-back", // Ctrl+W
  "\x03": "cancel", // Ctrl+C
  "\x0c": "clear-screen", // Ctrl+L
  "\x04": "delete", // Ctrl+D deletes forward on a non-empty line, as in bash
  "\x10": "up", // Ctrl+P
  "\x0e": "down", // Ctrl+N
};

// xterm sends CSI (`\x1b[`) or SS3 (`\x1bO`) forms depending on the cursor-key mode.
const SEQUENCES: Record<string, EditKey> = {
  "[A": "up", "OA": "up",
  "[B": "down", "OB": "down",
  "[C": "right", "OC": "right",
  "[D": "left", "OD": "left",
  "[H": "home", "OH": "home", "[1~": "home", "[7~": "home",
  "[F": "end", "OF": "end", "[4~": "end", "[8~": "end",
  "[3~": "delete",
};

const ESCAPE = /^\x1b(?:\[[0-9;?]*[ -/]*[@-~]|O[@-~]|.)?/s;

export function decodeInput(data: string): InputAction[] {
  const actions: InputAction[] = [];
  // A chunk of several characters is a paste (or fast typing): a Tab in it is text, not completion.
  const pasted = data.length > 1;
  let text = "";
  const flush = () => {
    if (text) actions.push({ kind: "insert", text });
    text = "";
  };
  for (let i = 0; i < data.length; i++) {
    const ch = data[i]!;
    if (ch === "\x1b") {
      const seq = ESCAPE.exec(data.slice(i))![0];
      flush();
      const key = SEQUENCES[seq.slice(1)];
      if (key) actions.push({ kind: "key", key });
      // Unknown sequences (function keys, Alt+letter) are dropped rather than typed as garbage.
      i += seq.length - 1;
      continue;
    }
    if (ch === "\r" || ch === "\n") {
      flush();
      actions.push({ kind: "enter" });
      if (ch === "\r" && data[i + 1] === "\n") i++;
      continue;
    }
    if (ch === "\t") {
      if (pasted) text += " ";
      else actions.push({ kind: "key", key: "tab" });
      continue;
    }
    const control = CONTROL[ch];
    if (control) {
      flush();
      actions.push({ kind: "key", key: control });
      continue;
    }
    if (ch < " ") continue; // other control characters have no meaning at this prompt
    text += ch;
  }
  flush();
  return actions;
}
