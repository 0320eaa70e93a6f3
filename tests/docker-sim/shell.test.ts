import { describe, expect, it } from "vitest";
import { session, setup } from "./helpers.ts";

describe("the learner's shell", () => {
  it("unknown commands get bash's message", async () => {
    const s = session();
    expect(await s.run("kubectl get pods")).toEqual({ stdout: "", stderr: "bash: kubectl: command not found\n", exitCode: 127 });
  });

  it("quotes, variables, export, pipes and filters", async () => {
    const s = session();
    expect((await s.run("NAME='a b'; echo \"[$NAME]\" '[$NAME]'")).stdout).toBe("[a b] [$NAME]\n");
    expect((await s.run("export TOKEN=npm_FAKE; env | grep ^TOKEN")).stdout).toBe("TOKEN=npm_FAKE\n");
    expect((await s.run("printf 'b\\na\\nc\\n' | grep -v a | head -n 1")).stdout).toBe("b\n");
    expect((await s.run("false || echo fallback && echo done")).stdout).toBe("fallback\ndone\n");
    expect((await s.run("echo $?")).stdout).toBe("0\n");
  });

  it("heredocs create files; cat and ls read them", async () => {
    const s = session();
    const r = await s.run("cat > Dockerfile <<EOF\nFROM alpine:3.20\nENV HOME_DIR=$HOME\nEOF");
    expect(r.exitCode).toBe(0);
    expect((await s.run("cat Dockerfile")).stdout).toBe("FROM alpine:3.20\nENV HOME_DIR=/home/learner\n");
    expect((await s.run("ls")).stdout).toBe("Dockerfile\n");
    expect(await s.run("cat nope")).toEqual({ stdout: "", stderr: "cat: nope: No such file or directory\n", exitCode: 1 });
  });

  it("syntax errors use bash's wording", async () => {
    const s = session();
    // bash -c 'echo hi |' (5.2): the pipeline waits for a command that never comes.
    expect(await s.run("echo hi |")).toEqual({ stdout: "", stderr: "bash: syntax error: unexpected end of file\n", exitCode: 2 });
    expect(await s.run("echo >")).toEqual({ stdout: "", stderr: "bash: syntax error near unexpected token `newline'\n", exitCode: 2 });
    expect(await s.run('echo "open')).toEqual({ stdout: "", stderr: "bash: unexpected EOF while looking for matching `\"'\n", exitCode: 2 });
  });

  it("command substitution feeds docker", async () => {
    const s = session();
    await s.run("docker run -d --name web nginx:1.27-alpine");
    expect((await s.run("docker exec $(docker ps -q) hostname")).stdout).toBe(`${(await s.run("docker ps -q")).stdout}`);
  });
});

describe("sh FILE and service update --update-order", () => {
  it("runs a script file, and says so when it is missing", async () => {
    const s = session();
    s.engine.host.writeFile("/home/learner/app/hello.sh", "echo one\necho two\n", { parents: true });
    const run = await s.run("cd /home/learner/app && sh hello.sh");
    expect(run.stdout).toBe("one\ntwo\n");
    const missing = await s.run("sh nope.sh");
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain("sh: can't open 'nope.sh'");
  });

  it("accepts start-first and refuses an unknown order", async () => {
    const s = session();
    await s.run("docker swarm init");
    await s.run("printf 'P@ssw0rd-demo-only' | docker secret create db_password -");
    await s.run("docker service create --name db --secret db_password redis:alpine");
    const ok = await s.run("docker service update --update-order start-first --force db");
    expect(ok.exitCode, ok.stderr).toBe(0);
    const bad = await s.run("docker service update --update-order sideways db");
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain('invalid argument "sideways" for "--update-order" flag');
  });
});

describe("grep context: -A, -B, -C", () => {
  const LINES = "printf 'a\\nb\\nKEY=1\\nc\\nd\\ne\\nf\\nKEY=2\\ng\\n'";

  it("after, before and both, with -- between groups that do not touch", async () => {
    const s = session();
    expect((await s.run(`${LINES} | grep -A1 KEY`)).stdout).toBe("KEY=1\nc\n--\nKEY=2\ng\n");
    expect((await s.run(`${LINES} | grep -B 1 KEY`)).stdout).toBe("b\nKEY=1\n--\nf\nKEY=2\n");
    expect((await s.run(`${LINES} | grep -n -C1 KEY`)).stdout).toBe("2-b\n3:KEY=1\n4-c\n--\n7-f\n8:KEY=2\n9-g\n");
    expect((await s.run(`${LINES} | grep --context=1 KEY`)).stdout).toBe("b\nKEY=1\nc\n--\nf\nKEY=2\ng\n");
  });

  it("groups that meet or overlap merge without a separator", async () => {
    const s = session();
    expect((await s.run(`${LINES} | grep -nC2 KEY`)).stdout).toBe("1-a\n2-b\n3:KEY=1\n4-c\n5-d\n6-e\n7-f\n8:KEY=2\n9-g\n");
    expect((await s.run("printf 'x\\nKEY\\nKEY\\ny\\nz\\n' | grep -A1 KEY")).stdout).toBe("KEY\nKEY\ny\n");
  });

  it("with several files: name- on context lines, name: on matches, -- across files", async () => {
    const s = session();
    await setup(s, "printf 'API_KEY=sk_test_51Fake\\nDEBUG=1\\n' > a.env", "printf 'PORT=80\\nAPI_KEY=sk_test_51Other\\n' > b.env");
    expect((await s.run("grep -A1 API_KEY a.env b.env")).stdout).toBe("a.env:API_KEY=sk_test_51Fake\na.env-DEBUG=1\n--\nb.env:API_KEY=sk_test_51Other\n");
    expect((await s.run("grep -B1 -n API_KEY b.env")).stdout).toBe("1-PORT=80\n2:API_KEY=sk_test_51Other\n");
  });

  it("a bad length is refused as GNU grep does", async () => {
    const s = session();
    expect(await s.run("grep -A x KEY")).toEqual({ stdout: "", stderr: "grep: x: invalid context length argument\n", exitCode: 2 });
  });
});
