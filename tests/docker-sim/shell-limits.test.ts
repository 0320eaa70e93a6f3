import { describe, expect, it } from "vitest";
import { session } from "./helpers.ts";

// Input that would freeze a real machine or the page ends with a message in bash's style, and the
// shell answers the next line as usual.
describe("runaway input ends with a clear message and the shell goes on", () => {
  it("a variable doubled 19 times stops at the variable limit", async () => {
    const s = session();
    expect(await s.run("a=x; for i in $(seq 1 19); do a=$a$a; done; echo ${#a}")).toEqual({
      stdout: "",
      stderr: "bash: a: value too long: 524288 characters (the simulated shell holds at most 262144 in one variable)\n",
      exitCode: 1,
    });
    expect((await s.run("echo still here")).stdout).toBe("still here\n");
  });

  it("20 000 nested $(...) stop at the nesting limit", async () => {
    const r = await session().run(`echo ${"$(echo ".repeat(20000)}x${")".repeat(20000)}`);
    expect(r).toEqual({ stdout: "", stderr: "bash: maximum command substitution nesting level exceeded (64)\n", exitCode: 1 });
  });

  it("a 5 000-line heredoc runs; a 10 MB one is refused with the size", async () => {
    const s = session();
    const lines = Array.from({ length: 5000 }, (_, i) => `line ${i} $USER`).join("\n");
    expect(await s.run(`cat <<EOF | tail -n 1\n${lines}\nEOF`)).toEqual({ stdout: "line 4999 learner\n", stderr: "", exitCode: 0 });
    const big = await s.run(`cat <<EOF | wc -c\n${`${"x".repeat(99)}\n`.repeat(100_000)}EOF`);
    expect(big).toEqual({ stdout: "", stderr: "bash: here-document too large: over 1 MiB (the simulated shell's limit; starting at offset 18)\n", exitCode: 1 });
  });

  it("deep recursion of a function stops at FUNCNEST", async () => {
    expect(await session().run("f() { f; }; f")).toEqual({ stdout: "", stderr: "bash: f: maximum function nesting level exceeded (1000)\n", exitCode: 1 });
  });

  it("a fork bomb stops at the process limit with bash's fork message", async () => {
    const s = session();
    let seen = "";
    const r = await s.run(":(){ :|:& };:");
    expect(r.exitCode).toBe(0);
    // The bomb lives in background jobs; its message arrives when the limit is hit.
    const stopped = await s.shell.exec("wait; echo done waiting", { onOutput: (c) => (seen += c.text) });
    expect(stopped.stdout).toBe("done waiting\n");
    await new Promise((resolve) => setTimeout(resolve, 50));
    const again = await new Promise<string>((resolve) => {
      void s.shell.exec(":(){ :|:& };:", { onOutput: (c) => c.text.includes("fork:") && resolve(c.text) });
    });
    expect(again).toBe("bash: fork: retry: Resource temporarily unavailable\nbash: fork: Resource temporarily unavailable (the simulated host allows 256 processes at once)\n");
    expect((await s.run("unset -f :; echo ok")).stdout).toBe("ok\n");
  });

  it("yes and cat /dev/urandom stop at the output limit and say so; a pipe takes what it needs", async () => {
    const s = session();
    expect(await s.run("yes | head -n 2")).toEqual({ stdout: "y\ny\n", stderr: "", exitCode: 0 });
    const yes = await s.run("yes");
    expect(yes.stdout.length).toBe(1024 * 1024);
    expect(yes.stderr).toBe("bash: output stopped after 1 MiB: the simulated terminal keeps at most that much of one command line\n");
    expect(await s.run("cat /dev/zero | head -c 16 | wc -c")).toEqual({ stdout: "16\n", stderr: "", exitCode: 0 });
    expect((await s.run("cat /dev/urandom")).stderr).toContain("output stopped after 1 MiB");
  });

  it("Ctrl+C (the signal) stops a runaway loop with status 130", async () => {
    const s = session();
    const controller = new AbortController();
    const run = s.shell.exec("while true; do :; done", { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(await run).toEqual({ stdout: "", stderr: "", exitCode: 130 });
    expect((await s.run("echo $?")).stdout).toBe("130\n");
  });
});
