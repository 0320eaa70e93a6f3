import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/docker-sim";
import { TerminalScenarioSchema } from "../../src/schemas/terminal-scenario";
import { MAX_COMMAND_LENGTH, ShellCore, historyEntry, type OutputChunk } from "../../src/terminals/shell-core";
import { startTerminalSession } from "../../src/terminals/terminal-session";

async function core(options = {}) {
  const session = await startTerminalSession(TerminalScenarioSchema.parse({ title: "Test host" }), { clock: new ManualClock("2025-01-15T09:30:00.000Z") });
  return new ShellCore(session, options);
}

/** Enter lines one by one, as the page and npm run shell do; what was printed, in order. */
async function enter(c: ShellCore, lines: string[]) {
  const chunks: OutputChunk[] = [];
  const kinds: string[] = [];
  for (const line of lines) kinds.push((await c.submit(line, { onOutput: (chunk) => chunks.push(chunk) })).kind);
  return { kinds, text: chunks.map((x) => x.text).join(""), chunks };
}

describe("ShellCore: one core for the page terminal and npm run shell", () => {
  it("keeps an unfinished command (\\, open quote, if, |) and runs it once it is complete", async () => {
    const c = await core();
    const r = await enter(c, ["echo one \\", "  two", "echo 'a", "b'", "if true; then", "  echo yes", "fi", "echo piped |", "  tr a-z A-Z"]);
    expect(r.kinds).toEqual(["more", "ran", "more", "ran", "more", "more", "ran", "more", "ran"]);
    expect(r.text).toBe("one two\na\nb\nyes\nPIPED\n");
    expect(c.history).toEqual(["echo one two", "echo 'a\nb'", "if true; then echo yes; fi", "echo piped | tr a-z A-Z"]);
  });

  it("shows bash's > prompt while a command is unfinished; Ctrl+C drops it", async () => {
    const c = await core();
    expect(c.prompt).toBe("learner@secrets-lab:/work$ ");
    await c.submit("for i in 1 2; do");
    expect(c.continuing).toBe(true);
    expect(c.prompt).toBe("> ");
    c.cancelInput();
    expect(c.prompt).toBe("learner@secrets-lab:/work$ ");
    expect((await enter(c, ["echo after"])).text).toBe("after\n");
  });

  it("streams stdout and stderr in the order written, with the whole result returned", async () => {
    const c = await core();
    const r = await enter(c, ["echo a; echo b >&2; echo c"]);
    expect(r.chunks).toEqual([
      { stream: "stdout", text: "a\n" },
      { stream: "stderr", text: "b\n" },
      { stream: "stdout", text: "c\n" },
    ]);
  });

  it("a 5 000-line heredoc entered line by line runs once, and its first line is its history entry", async () => {
    const c = await core();
    const lines = ["cat <<EOF | wc -l", ...Array.from({ length: 5000 }, (_, i) => `line ${i}`), "EOF"];
    const r = await enter(c, lines);
    expect(r.kinds.filter((k) => k === "ran")).toHaveLength(1);
    expect(r.text).toBe("5000\n");
    expect(c.history).toEqual(["cat <<EOF | wc -l"]);
  });

  it("a 10 MB heredoc is cut off with a message, its lines are dropped up to its word, and the shell goes on", async () => {
    const c = await core();
    const line = "x".repeat(1023);
    const count = (10 * 1024 * 1024) / 1024;
    const r = await enter(c, ["cat > big.txt <<EOF", ...Array.from({ length: count }, () => line), "EOF", "echo next"]);
    expect(r.text).toBe(`bash: command too long: over ${MAX_COMMAND_LENGTH / 1024 / 1024} MiB (the simulated terminal reads at most that much as one command); the rest of the here-document up to \`EOF' is dropped\nnext\n`);
    expect((await enter(c, ["ls big.txt"])).text).toBe("ls: cannot access 'big.txt': No such file or directory\n");
  });

  it("at the end of input an unfinished command fails as bash reports it", async () => {
    const c = await core();
    await c.submit("echo 'never closed");
    const chunks: OutputChunk[] = [];
    const r = await c.finish({ onOutput: (chunk) => chunks.push(chunk) });
    expect(r).toMatchObject({ kind: "ran", result: { exitCode: 2 } });
    expect(chunks).toEqual([{ stream: "stderr", text: "bash: unexpected EOF while looking for matching `''\n" }]);
  });

  it("the signal interrupts a running command: status 130, and the next line runs", async () => {
    const c = await core();
    const controller = new AbortController();
    const running = c.submit("while true; do :; done", { signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    expect(await running).toMatchObject({ kind: "ran", result: { exitCode: 130 } });
    expect((await enter(c, ["echo $?"])).text).toBe("130\n");
  });

  it("answers clear, help and history itself; exit leaves only when the front end says so", async () => {
    const c = await core({ exitLeaves: true });
    expect(await c.submit("clear")).toEqual({ kind: "clear" });
    expect((await enter(c, ["help"])).text).toContain("Esc, then Tab");
    expect(await c.submit("exit 3")).toEqual({ kind: "exit", code: 3 });
    const page = await core();
    expect(await page.submit("exit 3")).toMatchObject({ kind: "ran", result: { exitCode: 3 } });
  });
});

describe("Reset ends the old host's background jobs", () => {
  it("a runaway job stops when the session is replaced", async () => {
    const c = await core();
    const old = c.session;
    let ticks = 0;
    await c.submit("while true; do echo tick; sleep 1; done &", { onOutput: (chunk) => (ticks += chunk.text.split("tick").length - 1) });
    await new Promise((resolve) => setTimeout(resolve, 20));
    c.replaceSession(await startTerminalSession(TerminalScenarioSchema.parse({ title: "Fresh host" })));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const after = ticks;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ticks).toBe(after);
    expect((await old.shell.exec("jobs")).stdout).toBe("");
  });
});

describe("historyEntry", () => {
  it("joins a multi-line command as bash's cmdhist does", () => {
    expect(historyEntry(["for i in 1 2; do", "  echo $i", "done"])).toBe("for i in 1 2; do echo $i; done");
    expect(historyEntry(["docker run \\", "  --name web \\", "  nginx"])).toBe("docker run --name web nginx");
    expect(historyEntry(["echo a &&", "echo b"])).toBe("echo a && echo b");
    expect(historyEntry(["cat > f <<EOF", "body", "EOF"])).toBe("cat > f <<EOF");
  });
});
