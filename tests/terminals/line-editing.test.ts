import { describe, expect, it } from "vitest";
import { LineEditor } from "../../src/terminals/line-editor";
import { CommandHistory } from "../../src/terminals/history";
import { decodeInput } from "../../src/terminals/key-input";
import { drawLine } from "../../src/terminals/line-renderer";
import { inputContinuation, needsMoreInput } from "../../src/docker-sim/shell/parser";
import { FakeScreen } from "./fake-screen";

describe("LineEditor", () => {
  it("inserts at the cursor and moves like readline", () => {
    const e = new LineEditor();
    e.insert("docker ps");
    e.home();
    e.right();
    e.insert("X");
    expect([e.text, e.cursor]).toEqual(["dXocker ps", 2]);
    e.backspace();
    e.end();
    e.left();
    e.deleteForward();
    expect([e.text, e.cursor]).toEqual(["docker p", 8]);
  });

  it("Ctrl+U, Ctrl+K and Ctrl+W delete what bash deletes", () => {
    const e = new LineEditor();
    e.set("docker inspect  payments");
    e.deleteWordBack();
    expect(e.text).toBe("docker inspect  ");
    e.deleteWordBack();
    expect(e.text).toBe("docker ");
    e.set("echo one two");
    for (let i = 0; i < 4; i++) e.left();
    e.killToEnd();
    expect(e.text).toBe("echo one");
    e.left();
    e.killToStart();
    expect([e.text, e.cursor]).toEqual(["e", 0]);
  });
});

describe("CommandHistory", () => {
  it("walks back and forth and keeps the half-typed draft", () => {
    const h = new CommandHistory();
    h.add("docker ps");
    h.add("docker ps");
    h.add("  ");
    h.add("docker images");
    expect(h.entries).toEqual(["docker ps", "docker images"]);
    expect(h.previous("dock")).toBe("docker images");
    expect(h.previous("docker images")).toBe("docker ps");
    expect(h.previous("docker ps")).toBeUndefined();
    expect(h.next()).toBe("docker images");
    expect(h.next()).toBe("dock");
    expect(h.next()).toBeUndefined();
  });
});

describe("decodeInput", () => {
  it("maps keys and control characters", () => {
    expect(decodeInput("\x1b[A")).toEqual([{ kind: "key", key: "up" }]);
    expect(decodeInput("\x1bOH")).toEqual([{ kind: "key", key: "home" }]);
    expect(decodeInput("\x1b[3~")).toEqual([{ kind: "key", key: "delete" }]);
    expect(decodeInput("\t")).toEqual([{ kind: "key", key: "tab" }]);
    expect(decodeInput("\x03")).toEqual([{ kind: "key", key: "cancel" }]);
    expect(decodeInput("\x1b[15~")).toEqual([]); // F5: ignored, not typed
  });

  it("splits a multi-line paste into lines and Enters", () => {
    expect(decodeInput("echo a\r\necho\tb\nls")).toEqual([
      { kind: "insert", text: "echo a" },
      { kind: "enter" },
      { kind: "insert", text: "echo b" },
      { kind: "enter" },
      { kind: "insert", text: "ls" },
    ]);
  });
});

describe("drawLine", () => {
  const draw = (screen: FakeScreen, text: string, cursor: number, from: number) => {
    const d = drawLine({ prompt: "$ ", promptWidth: 2, text, cursor, cols: screen.cols, from });
    screen.write(d.output);
    return d.cursorCell;
  };

  it("redraws a line that wraps, and a shorter one over it", () => {
    const screen = new FakeScreen(10);
    let at = draw(screen, "0123456789abc", 13, 0);
    expect(screen.text).toBe("$ 01234567\n89abc");
    expect([screen.row, screen.col]).toEqual([1, 5]);
    at = draw(screen, "0123456789abc", 3, at);
    expect([screen.row, screen.col]).toEqual([0, 5]);
    draw(screen, "xy", 2, at);
    expect(screen.text).toBe("$ xy");
    expect([screen.row, screen.col]).toEqual([0, 4]);
  });

  it("puts the cursor on the next row when the line fills the last column exactly", () => {
    const screen = new FakeScreen(10);
    draw(screen, "01234567", 8, 0);
    expect([screen.row, screen.col]).toEqual([1, 0]);
  });
});

describe("needsMoreInput: when the terminal shows bash's > prompt", () => {
  it("waits for each heredoc's word in turn, and names the word it waits for", () => {
    expect(needsMoreInput("cat > Dockerfile <<EOF")).toBe(true);
    expect(needsMoreInput("cat > Dockerfile <<'EOF'\nFROM alpine\nEOF")).toBe(false);
    expect(needsMoreInput("cat <<-END\n\tx\n\tEND")).toBe(false);
    expect(needsMoreInput("cat <<A <<B\nA\n")).toBe(true);
    expect(needsMoreInput("grep x <<< 'here string'")).toBe(false);
    expect(inputContinuation("cat <<-END\nbody")).toEqual({ heredoc: { delimiter: "END", strip: true } });
    expect(inputContinuation("cat <<'EOF'\n$HOME")).toEqual({ heredoc: { delimiter: "EOF", strip: false } });
  });

  it("waits after a trailing backslash, pipe or &&, inside quotes and open compound commands", () => {
    for (const open of ["echo one \\", "echo a |", "true &&", "echo 'open", 'echo "open', "echo $(date", "if true; then", "for i in 1 2; do", "while true", "case x in", "f() {", "{ echo a", "(echo a", "if true; then echo; else"]) {
      expect(needsMoreInput(open), open).toBe(true);
    }
  });

  it("does not wait for a complete command, nor for one that is wrong beyond repair", () => {
    for (const done of ["echo one \\\ntwo", "if true; then echo y; fi", "for i in 1; do echo $i; done", "echo 'a\nb'", "echo hi; fi", "echo )", "case x in x) echo;; esac"]) {
      expect(needsMoreInput(done), done).toBe(false);
    }
  });
});
