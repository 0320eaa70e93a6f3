import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/docker-sim";
import { TerminalScenarioSchema } from "../../src/schemas/terminal-scenario";
import { getTerminalScenario } from "../../src/terminals/load-terminal-scenarios";
import { SCREEN_PIECE, ShellTerminal, screenPieces, screenSafe, spokenForm } from "../../src/terminals/shell-terminal";
import { DockerHelpIndex } from "../../src/terminals/docker-help";
import { startTerminalSession, type TerminalSession } from "../../src/terminals/terminal-session";
import { ShellCore } from "../../src/terminals/shell-core";
import { FakeScreen } from "./fake-screen";

const docker = new DockerHelpIndex();
const KEY = "sk_test_51FakeKeyForSecretsLab000000000000";

async function open(scenarioId?: string, cols = 200) {
  const scenario = scenarioId ? getTerminalScenario(scenarioId).scenario : TerminalScenarioSchema.parse({ title: "Test host" });
  const session = await startTerminalSession(scenario, { clock: new ManualClock("2025-01-15T09:30:00.000Z") });
  const screen = new FakeScreen(cols);
  const spoken: string[] = [];
  const shell = new ShellTerminal(screen, session, { announce: (t) => spoken.push(t) });
  shell.start();
  const type = async (data: string) => {
    shell.input(data);
    await shell.whenIdle();
  };
  /** The line at the prompt now (the last row, prompt stripped). */
  const promptLine = () => screen.line(screen.row).replace(/^learner@secrets-lab:[^$]*\$ /, "");
  return { screen, shell, spoken, type, promptLine, session };
}

describe("ShellTerminal", () => {
  it("shows the prompt with the scenario's cwd", async () => {
    const t = await open();
    await t.shell.whenIdle();
    expect(t.screen.text).toBe("learner@secrets-lab:/work$");
  });

  it("runs docker run -e, then inspect shows the key; stderr and unknown commands read like bash", async () => {
    const t = await open();
    await t.type(`docker run -d --name payments -e EXTERNAL_API_KEY=${KEY} node:22-alpine sleep infinity\r`);
    await t.type("docker inspect --format '{{json .Config.Env}}' payments\r");
    expect(t.screen.text).toContain(`["EXTERNAL_API_KEY=${KEY}",`);
    expect(t.spoken.at(-1)).toContain(KEY);
    await t.type("foo\r");
    expect(t.screen.text).toContain("bash: foo: command not found");
    expect(t.spoken.at(-1)).toBe("bash: foo: command not found");
    expect(t.promptLine()).toBe("");
  });

  it("edits, recalls history with Up/Down and cancels with Ctrl+C", async () => {
    const t = await open();
    await t.type("echo helo");
    await t.type("\x1b[D\x1b[D");
    await t.type("l");
    await t.type("\r");
    expect(t.screen.text).toContain("\nhello\n");
    await t.type("echo draft");
    await t.type("\x1b[A");
    expect(t.promptLine()).toBe("echo hello");
    await t.type("\x1b[B");
    expect(t.promptLine()).toBe("echo draft");
    await t.type("\x03");
    expect(t.screen.text).toContain("echo draft^C");
    expect(t.promptLine()).toBe("");
    await t.type("history\r");
    expect(t.screen.text).toContain("    1  echo hello\n    2  history");
  });

  it("runs a multi-line paste line by line, and a heredoc as one script", async () => {
    const t = await open();
    await t.type("echo one\necho two\ncat > notes.txt <<EOF\nfirst\nsecond\nEOF\ncat notes.txt\n");
    expect(t.screen.text).toContain("$ echo one\none\n");
    expect(t.screen.text).toContain("$ echo two\ntwo\n");
    expect(t.screen.text).toContain("$ cat > notes.txt <<EOF\n> first\n> second\n> EOF\n");
    expect(t.screen.text).toMatch(/\$ cat notes\.txt\nfirst\nsecond\nlearner@secrets-lab:\/work\$$/);
  });

  // Each Tab is its own input: in a chunk of text (a paste) a tab is typed as a space.
  it("Tab completes commands, docker subcommands, flags and paths", async () => {
    const t = await open("buildkit/history-leak");
    await t.type("dock");
    await t.type("\t");
    expect(t.promptLine()).toBe("docker ");
    await t.type("ins");
    await t.type("\t");
    expect(t.promptLine()).toBe("docker inspect ");
    await t.type("\x15docker run --na");
    await t.type("\t");
    expect(t.promptLine()).toBe("docker run --name ");
    await t.type("\x15docker secret cr");
    await t.type("\t");
    expect(t.promptLine()).toBe("docker secret create ");
    await t.type("\x15cat Dock");
    await t.type("\t");
    expect(t.promptLine()).toBe("cat Dockerfile");
    await t.type("\t");
    // Ambiguous: both candidates are listed and the line comes back as it was.
    expect(t.screen.text).toContain("\nDockerfile  Dockerfile.secret\n");
    expect(t.promptLine()).toBe("cat Dockerfile");
    await t.type("\x15ls /srv/");
    await t.type("\t");
    expect(t.promptLine()).toBe("ls /srv/");
  });

  it("Ctrl+L and clear empty the screen; help explains the terminal", async () => {
    const t = await open();
    await t.type("echo x\r\x0c");
    expect(t.screen.text).toBe("learner@secrets-lab:/work$");
    await t.type("help\r");
    expect(t.screen.text).toContain("Esc, then Tab");
    await t.type("clear\r");
    expect(t.screen.text).toBe("learner@secrets-lab:/work$");
  });

  it("an exception inside the engine prints an error line and the prompt comes back", async () => {
    const t = await open();
    const broken: TerminalSession = { engine: t.session.engine, shell: { ...t.session.shell, exec: () => Promise.reject(new TypeError("boom")) } };
    await t.shell.replaceSession(async () => ({ session: broken, notice: "broken host" }));
    await t.type("docker ps\r");
    expect(t.screen.text).toContain("secrets-lab: the simulated shell could not run this command: TypeError: boom");
    expect(t.screen.line(t.screen.row)).toMatch(/^learner@secrets-lab:.*\$ $/);
    await t.type("echo still typing");
    expect(t.promptLine()).toBe("echo still typing");
  });

  it("Reset rebuilds the host: containers are gone, history stays", async () => {
    const t = await open();
    await t.type("docker run -d --name web nginx:1.27-alpine\r");
    await t.shell.replaceSession(async () => ({ session: await startTerminalSession(TerminalScenarioSchema.parse({ title: "Test host" })), notice: "Reset." }));
    await t.type("docker ps -q\r");
    expect(t.screen.text).toBe("Reset.\nlearner@secrets-lab:/work$ docker ps -q\nlearner@secrets-lab:/work$");
    expect(t.shell.history).toContain("docker run -d --name web nginx:1.27-alpine");
  });

  it("Ctrl+C abandons a command that never answers", async () => {
    const t = await open();
    // Ctrl+C is typed once the command is running (exec called), not after a guessed delay.
    let running = (): void => {};
    const started = new Promise<void>((resolve) => (running = resolve));
    const hung: TerminalSession = { engine: t.session.engine, shell: { ...t.session.shell, exec: () => (running(), new Promise(() => {})) } };
    await t.shell.replaceSession(async () => ({ session: hung, notice: "hung host" }));
    t.shell.input("docker ps\r");
    await started;
    t.shell.input("\x03");
    await t.shell.whenIdle();
    expect(t.screen.text).toContain("$ docker ps\n^C\nlearner@secrets-lab:/work$");
  });
});

describe("completion's word lists", () => {
  it("reads docker's commands and flags from its command tree", async () => {
    expect(await docker.words(["secret"])).toEqual({ subcommands: ["create", "inspect", "ls", "list", "rm", "remove"], flags: ["--help"] });
    expect((await docker.words(["buildx"])).subcommands).toEqual(["build", "b"]);
    expect((await docker.words(["secret", "ls"])).flags).toEqual(["--filter", "-f", "--format", "--quiet", "-q", "--help"]);
  });

  it("offers at the start of a line every command the shell runs, CLIs plugged in included, and nothing else", async () => {
    const session = await startTerminalSession(TerminalScenarioSchema.parse({ title: "Test host" }), {
      commands: [{ name: "aws", run: ({ argv }) => ({ stdout: `aws called with ${argv.slice(1).join(" ")}\n`, stderr: "", exitCode: 0 }) }],
    });
    const core = new ShellCore(session);
    const offered = (await core.complete("", 0)).candidates;
    for (const name of ["aws", "cat", "curl", "docker", "grep", "jq", "sed", "history", "help", "clear"]) expect(offered, name).toContain(name);
    for (const name of offered.filter((n) => !["history", "help", "clear"].includes(n))) {
      const r = await session.shell.exec(`${name} --help < /dev/null`);
      expect(r.stderr, name).not.toContain("command not found");
    }
    expect((await core.complete("aw", 2)).candidates).toEqual(["awk", "aws"]);
    expect((await core.complete("aws", 3)).text).toBe("aws ");
    const run = await core.submit("aws sts get-caller-identity");
    expect(run).toMatchObject({ kind: "ran", result: { stdout: "aws called with sts get-caller-identity\n", exitCode: 0 } });
  });
});

describe("screenSafe: what command output may do to the screen", () => {
  it("keeps text and colours; drops clear-screen, cursor moves, OSC links and control bytes", () => {
    expect(screenSafe("a\x1b[2J\x1b[3J\x1b[Hb\x1b[36mok\x1b[0m\x1b]8;;https://x.example\x07link\x1b]8;;\x07\x07\x00z\tq\r\n")).toBe("ab\x1b[36mok\x1b[0mlinkz\tq\r\n");
    expect(screenSafe("plain text\n")).toBe("plain text\n");
  });

  it("a command that prints a clear-screen leaves the terminal's lines in place", async () => {
    const t = await open();
    await t.type("echo before\r");
    await t.type("printf 'x\\033[3A\\033[2J\\033[Hy\\n'\r");
    expect(t.screen.text).toContain("$ echo before\nbefore\n");
    expect(t.screen.text).toContain("\nxy\n");
  });
});

describe("spokenForm", () => {
  it("reads /proc environ, tables and colours sensibly, and cuts long output in the middle", () => {
    expect(spokenForm("A=1\0B=2\0")).toBe("A=1 B=2");
    expect(spokenForm("NAME          DRIVER\napi           \x1b[31mx\x1b[0m\n")).toBe("NAME  DRIVER\napi  x");
    expect(spokenForm("\n")).toBe("(no output)");
    const long = spokenForm(`start ${"x".repeat(5000)} end`);
    expect(long).toMatch(/^start x+ … x+ end$/);
    expect(long.length).toBeLessThan(1600);
  });
});

describe("a megabyte of output (yes)", () => {
  it("reaches the screen in pieces of about 16 KB, each ending at a newline, with nothing lost", () => {
    const text = "y\n".repeat(524288);
    const pieces = [...screenPieces(text)];
    expect(pieces.join("")).toBe(text);
    expect(pieces.length).toBeGreaterThan(60);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(SCREEN_PIECE + 1);
      expect(piece.endsWith("\n")).toBe(true);
    }
    expect([...screenPieces("short")]).toEqual(["short"]);
  });

  it("is read out by its two ends, as a short one is", () => {
    const text = `start ${"y\n".repeat(524288)}end`;
    const spoken = spokenForm(text);
    expect(spoken.startsWith("start y\ny\n")).toBe(true);
    expect(spoken.endsWith("y\ny\nend")).toBe(true);
    expect(spoken.length).toBeLessThan(1600);
    expect(spoken).toContain(" … ");
  });
});
