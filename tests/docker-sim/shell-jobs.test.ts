import { describe, expect, it } from "vitest";
import { session } from "./helpers.ts";

describe("background jobs, tail -f, xargs and images without bash", () => {
  it("cmd & announces [1] pid; wait waits; kill %1 stops a runaway job", async () => {
    const s = session();
    expect(await s.run("sleep 5 & wait; echo after")).toEqual({ stdout: "after\n", stderr: "[1] 4242\n", exitCode: 0 });
    expect(await s.run("while true; do :; done & sleep 1; kill %1; wait; echo killed")).toEqual({ stdout: "killed\n", stderr: "[1] 4243\n", exitCode: 0 });
  });

  it("tail -f prints what a job appends to the log, until Ctrl+C", async () => {
    const s = session();
    const controller = new AbortController();
    let seen = "";
    const r = await s.shell.exec('echo start > app.log; (for i in 1 2 3; do sleep 1; echo "line $i" >> app.log; done) & tail -f app.log', {
      signal: controller.signal,
      onOutput: (c) => {
        seen += c.text;
        if (seen.includes("line 3\n")) controller.abort();
      },
    });
    expect(r).toEqual({ stdout: "start\nline 1\nline 2\nline 3\n", stderr: "[1] 4242\n", exitCode: 130 });
  });

  it("xargs -n1, -n 2, -I{} and quoted input, as GNU xargs", async () => {
    const s = session();
    expect((await s.run("printf 'a b\\nc\\n' | xargs -n1 echo got")).stdout).toBe("got a\ngot b\ngot c\n");
    expect((await s.run("echo a b c | xargs -n 2")).stdout).toBe("a b\nc\n");
    expect((await s.run("printf 'x\\ny\\n' | xargs -I{} echo [{}]")).stdout).toBe("[x]\n[y]\n");
    expect((await s.run("echo \"'one two' three\" | xargs -n1")).stdout).toBe("one two\nthree\n");
    expect(await s.run("echo a | xargs -n0")).toEqual({ stdout: "", stderr: "xargs: invalid number \"0\" for -n option\nTry 'xargs --help' for more information.\n", exitCode: 1 });
  });

  it("alpine has no bash: BusyBox's sh says so", async () => {
    const s = session();
    expect(await s.run("docker run --rm alpine sh -c 'bash -c \"echo hi\"; echo rc=$?'")).toEqual({ stdout: "rc=127\n", stderr: "sh: bash: not found\n", exitCode: 0 });
  });
});
