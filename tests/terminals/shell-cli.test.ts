import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

// `npm run shell` as a learner or a replayed transcript uses it: a session piped in, the
// terminal's view of it out (prompt, echoed command, output), exactly.
function shell(input: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ["--experimental-transform-types", "--disable-warning=ExperimentalWarning", "scripts/shell.ts", ...args], { input, encoding: "utf8", timeout: 60_000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

describe("npm run shell", () => {
  it("replays a piped session with heredocs, history and exit", () => {
    const session = ["cat > Dockerfile <<EOF", "FROM alpine", "ENV GREETING=hi", "EOF", "docker build -q -t hello .", "docker image inspect -f '{{json .Config.Env}}' hello", "docker bogus", "history", "exit", "echo never"].join("\n");
    const r = shell(`${session}\n`);
    expect(r.status).toBe(0);
    expect(r.stdout.replace(/sha256:[0-9a-f]{64}/, "sha256:<id>")).toBe(
      [
        "learner@secrets-lab:/work$ cat > Dockerfile <<EOF",
        "> FROM alpine",
        "> ENV GREETING=hi",
        "> EOF",
        "learner@secrets-lab:/work$ docker build -q -t hello .",
        "sha256:<id>",
        "learner@secrets-lab:/work$ docker image inspect -f '{{json .Config.Env}}' hello",
        '["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","GREETING=hi"]',
        "learner@secrets-lab:/work$ docker bogus",
        "docker: unknown command: docker bogus",
        "",
        "Run 'docker --help' for more information",
        "learner@secrets-lab:/work$ history",
        "    1  cat > Dockerfile <<EOF",
        "    2  docker build -q -t hello .",
        "    3  docker image inspect -f '{{json .Config.Env}}' hello",
        "    4  docker bogus",
        "    5  history",
        "learner@secrets-lab:/work$ exit",
        "",
      ].join("\n"),
    );
  });

  it("starts from a scenario and runs the learner's app in the runtime", () => {
    const session = ["docker build -q -t payments-app .", "printf 'P@ssw0rd-demo-only' | docker secret create db_password -", "docker service create -d --name payments --secret db_password payments-app", "docker service logs payments"].join("\n");
    const r = shell(`${session}\n`, "--scenario", "swarm/app-reads-secret");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("learner@secrets-lab:~/app$ docker service logs payments\npayments.1.");
    expect(r.stdout).toContain("| payments: database password read from /run/secrets/db_password (18 characters, ****only)\n");
  });

  it("reads multi-line commands with bash's > prompt, reaches the simulated hosts with curl, and reports a command the input left open", () => {
    const session = ["for i in 1 2; do", "echo $i", "done", "echo one \\", "  two", "curl -s -X POST https://api.payments.example/v1/charges -d amount=5 | jq -r .error.type", 'echo "unclosed'].join("\n");
    const r = shell(`${session}\n`);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      [
        "learner@secrets-lab:/work$ for i in 1 2; do",
        "> echo $i",
        "> done",
        "1",
        "2",
        "learner@secrets-lab:/work$ echo one \\",
        ">   two",
        "one two",
        "learner@secrets-lab:/work$ curl -s -X POST https://api.payments.example/v1/charges -d amount=5 | jq -r .error.type",
        "authentication_error",
        'learner@secrets-lab:/work$ echo "unclosed',
        "> ",
        "bash: unexpected EOF while looking for matching `\"'",
        "",
      ].join("\n"),
    );
  });

  it("names the known scenarios when the one asked for does not exist", () => {
    const r = shell("", "--scenario", "swarm/nope");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('shell: no terminal scenario "swarm/nope" in content/terminals; known: ');
    expect(r.stderr).toContain("swarm/app-reads-secret");
  });
});
