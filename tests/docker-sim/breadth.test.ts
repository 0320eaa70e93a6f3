/**
 * docker commit, docker build --check, the docs' docker run flags (--read-only, --pull, --add-host,
 * --cidfile, --hostname), the run reference's exit codes 125/126/127, and docker compose
 * build|run|stop|pull|ls. Wording from docker/cli, buildx and BuildKit sources.
 */
import { describe, expect, it } from "vitest";
import { session, setup } from "./helpers.ts";

describe("docker commit", () => {
  it("prints the new image id; the image keeps the container's files but not its mounts", async () => {
    const s = session();
    await setup(s, "docker run -d --name box --tmpfs /scratch alpine:3.20 sleep 1d", "docker exec box sh -c 'echo kept > /kept.txt; echo gone > /scratch/x'");
    const r = await s.run("docker commit -m 'add kept' box committed_box");
    expect(r.stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    expect((await s.run("docker images committed_box --format '{{.Repository}}:{{.Tag}}'")).stdout).toBe("committed_box:latest\n");
    expect((await s.run("docker run --rm committed_box cat /kept.txt")).stdout).toBe("kept\n");
    expect((await s.run("docker run --rm committed_box ls /scratch")).stderr).toContain("No such file or directory");
    expect((await s.run("docker history --format '{{.CreatedBy}}|{{.Comment}}' committed_box")).stdout.split("\n")[0]).toBe("sleep 1d|add kept");
    expect((await s.run("docker commit -c 'ENV MODE=prod' box withenv && docker run --rm withenv printenv MODE")).stdout).toMatch(/prod\n$/);
    expect((await s.run("docker commit nope")).stderr).toBe("Error response from daemon: No such container: nope\n");
  });
});

describe("docker build --check", () => {
  it("no violation: buildx's line and exit 0", async () => {
    const s = session();
    await setup(s, `printf 'FROM alpine:3.20\\nCMD ["echo", "hi"]\\n' > Dockerfile`);
    expect(await s.run("docker build --check .")).toEqual({ stdout: "Check complete, no warnings found.\n", stderr: "", exitCode: 0 });
  });

  it("violations: the count, each rule's URL and description and BuildKit's excerpt; exit 1; nothing is built", async () => {
    const s = session();
    await setup(s, `printf 'FROM alpine:3.20\\nARG API_TOKEN\\nCOPY . .\\nCMD echo hi\\n' > Dockerfile`);
    const r = await s.run("docker build --check -t never .");
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe(
      [
        "Check complete, 2 warnings have been found!",
        "",
        "WARNING: SecretsUsedInArgOrEnv - https://docs.docker.com/go/dockerfile/rule/secrets-used-in-arg-or-env/",
        "Sensitive data should not be used in the ARG or ENV commands",
        "Dockerfile:2",
        "--------------------",
        "   1 |     FROM alpine:3.20",
        "   2 | >>> ARG API_TOKEN",
        "   3 |     COPY . .",
        "   4 |     CMD echo hi",
        "--------------------",
        "",
        "WARNING: JSONArgsRecommended - https://docs.docker.com/go/dockerfile/rule/json-args-recommended/",
        "JSON arguments recommended for ENTRYPOINT/CMD to prevent unintended behavior related to OS signals",
        "Dockerfile:4",
        "--------------------",
        "   2 |     ARG API_TOKEN",
        "   3 |     COPY . .",
        "   4 | >>> CMD echo hi",
        "   5 |     ",
        "--------------------",
        "",
      ].join("\n"),
    );
    expect((await s.run("docker images -q never")).stdout).toBe("");
    // The check=skip directive silences a rule, as the build checks page shows.
    await setup(s, `printf '# check=skip=JSONArgsRecommended,SecretsUsedInArgOrEnv\\nFROM alpine:3.20\\nARG API_TOKEN\\nCMD echo hi\\n' > Dockerfile`);
    expect((await s.run("docker build --check .")).exitCode).toBe(0);
  });
});

describe("docker run flags and exit codes", () => {
  it("--read-only refuses writes outside mounts; --tmpfs still takes them", async () => {
    const s = session();
    const r = await s.run("docker run --rm --read-only --tmpfs /tmp alpine:3.20 sh -c 'touch /tmp/ok && echo tmp ok; touch /x'");
    expect(r.stdout).toBe("tmp ok\n");
    expect(r.stderr).toBe("touch: /x: Read-only file system\n");
    expect((await s.run("docker run -d --name ro --read-only alpine:3.20 sleep 1d && docker inspect -f '{{.HostConfig.ReadonlyRootfs}}' ro")).stdout).toMatch(/true\n$/);
  });

  it("--add-host writes /etc/hosts and HostConfig.ExtraHosts; a bad value is pflag's error", async () => {
    const s = session();
    const r = await s.run("docker run --rm --add-host db.internal:10.0.0.5 alpine:3.20 cat /etc/hosts");
    expect(r.stdout).toContain("10.0.0.5\tdb.internal\n");
    expect((await s.run("docker run --add-host nope alpine:3.20 true")).stderr).toMatch(/^invalid argument "nope" for "--add-host" flag: bad format for add-host: "nope"\n/);
  });

  it("--cidfile writes the id and refuses an existing file; --hostname/-h sets the hostname", async () => {
    const s = session();
    await setup(s, "docker run -d --cidfile /tmp/web.cid -h web01 nginx:1.27-alpine");
    const id = (await s.run("cat /tmp/web.cid")).stdout;
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect((await s.run(`docker exec ${id} hostname`)).stdout).toBe("web01\n");
    const again = await s.run("docker run --cidfile /tmp/web.cid alpine:3.20 true");
    expect(again.exitCode).toBe(125);
    expect(again.stderr).toContain("docker: container ID file found, make sure the other container isn't running or delete /tmp/web.cid");
  });

  it("--pull never with a missing image fails; --pull always pulls again; a bad value is refused", async () => {
    const s = session();
    const never = await s.run("docker run --pull never redis:7 true");
    expect(never.exitCode).toBe(125);
    expect(never.stderr).toContain("Error response from daemon: No such image: redis:7");
    const always = await s.run("docker run --rm --pull always alpine:3.20 true");
    expect(always.stderr).toContain("Status: Image is up to date for alpine:3.20");
    expect((await s.run("docker run --pull sometimes alpine:3.20 true")).stderr).toContain('docker: invalid pull option: \'sometimes\': must be one of "always", "missing" or "never"');
  });

  it("125 for a docker error, 126 when the command cannot be invoked, 127 when it is not found, else the command's own", async () => {
    const s = session();
    expect((await s.run("docker run --foo busybox:latest")).exitCode).toBe(125);
    const dir = await s.run("docker run busybox:latest /etc");
    expect(dir.exitCode).toBe(126);
    expect(dir.stderr).toContain('exec: "/etc": permission denied: unknown');
    const missing = await s.run("docker run busybox:latest foo");
    expect(missing.exitCode).toBe(127);
    expect(missing.stderr).toContain('exec: "foo": executable file not found in $PATH: unknown');
    expect((await s.run("docker run busybox:latest /bin/sh -c 'exit 3'")).exitCode).toBe(3);
  });
});

describe("docker compose build|run|stop|pull|ls", () => {
  const COMPOSE = `services:\n  web:\n    image: nginx:1.27-alpine\n  tool:\n    build: .\n    command: ["echo", "from tool"]\n`;
  it("build builds the services with a build section; run runs a one-off; stop and ls", async () => {
    const s = session();
    await setup(s, `printf '${COMPOSE}' > compose.yaml`, `printf 'FROM alpine:3.20\\n' > Dockerfile`);
    const built = await s.run("docker compose build");
    expect(built.exitCode).toBe(0);
    expect((await s.run("docker images app-tool --format '{{.Repository}}'")).stdout).toBe("app-tool\n");
    const run = await s.run("docker compose run --rm tool");
    expect(run).toMatchObject({ stdout: "from tool\n", exitCode: 0 });
    expect((await s.run("docker compose run tool sh -c 'exit 4'")).exitCode).toBe(4);
    expect((await s.run("docker ps -a --format '{{.Names}}' --filter name=app-tool-run-")).stdout).toMatch(/^app-tool-run-[0-9a-f]{12}\n$/);
    // up starts both: the tool's echo exits, so the project is mixed, as Compose words it.
    await setup(s, "docker compose up -d");
    expect((await s.run("docker compose ls")).stdout).toBe("NAME      STATUS                  CONFIG FILES\napp       exited(1), running(1)   /home/learner/app/compose.yaml\n");
    expect((await s.run("docker compose stop web")).stderr).toBe(" Container app-web-1  Stopping\n Container app-web-1  Stopped\n");
    expect((await s.run("docker compose pull web")).stderr).toBe(" web Pulling \n web Pulled \n");
  });
});
