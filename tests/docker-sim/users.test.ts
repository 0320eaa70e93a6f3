import { describe, expect, it } from "vitest";
import { session, setup } from "./helpers.ts";

const ALPINE_ROOT = "uid=0(root) gid=0(root) groups=0(root),1(bin),2(daemon),3(sys),4(adm),6(disk),10(wheel),11(floppy),20(dialout),26(tape),27(video)\n";

describe("docker exec --user / -u", () => {
  it("id and whoami report the exec's user, looked up in the container's /etc/passwd", async () => {
    const s = session();
    await setup(s, "docker run -d --name c node:22-alpine sleep infinity");
    expect((await s.run("docker exec c id")).stdout).toBe(ALPINE_ROOT);
    expect((await s.run("docker exec -u 1000 c id")).stdout).toBe("uid=1000(node) gid=1000(node) groups=1000(node)\n");
    expect((await s.run("docker exec --user node c whoami")).stdout).toBe("node\n");
    expect((await s.run("docker exec -u node:nobody c id")).stdout).toBe("uid=1000(node) gid=65534(nobody) groups=65534(nobody),1000(node)\n");
    // A uid with no passwd entry runs as that number, in group 0.
    expect((await s.run("docker exec -u 1001 c id")).stdout).toBe("uid=1001 gid=0(root) groups=0(root)\n");
    expect(await s.run("docker exec -u 1001 c whoami")).toEqual({ stdout: "", stderr: "whoami: unknown uid 1001\n", exitCode: 1 });
    expect((await s.run("docker exec -u 1001 c sh -c 'echo $HOME; id -u 2>/dev/null; whoami 2>&1'")).stdout).toBe("/\nuid=1001 gid=0(root) groups=0(root)\nwhoami: unknown uid 1001\n");
  });

  it("HOME follows the user unless the image or -e sets it", async () => {
    const s = session();
    await setup(s, "docker run -d --name c node:22-alpine sleep infinity");
    expect((await s.run("docker exec -u node c printenv HOME")).stdout).toBe("/home/node\n");
    expect((await s.run("docker exec c printenv HOME")).stdout).toBe("/root\n");
  });

  it("an unknown name is the daemon's error", async () => {
    const s = session();
    await setup(s, "docker run -d --name c alpine:3.20 sleep infinity");
    expect(await s.run("docker exec -u bob c id")).toEqual({
      stdout: "",
      stderr: "Error response from daemon: unable to find user bob: no matching entries in passwd file\n",
      exitCode: 1,
    });
    expect((await s.run("docker exec -u root:nogroup2 c id")).stderr).toBe("Error response from daemon: unable to find group nogroup2: no matching entries in group file\n");
  });
});

describe("docker run --user", () => {
  it("sets Config.User; the main process and every exec run as that user", async () => {
    const s = session();
    await setup(s, "docker run -d --name c --user 1000:1000 node:22-alpine sleep infinity");
    expect((await s.run("docker inspect -f '{{.Config.User}}' c")).stdout).toBe("1000:1000\n");
    expect((await s.run("docker exec c id")).stdout).toBe("uid=1000(node) gid=1000(node) groups=1000(node)\n");
    expect((await s.run("docker exec c cat /proc/1/environ")).stdout).toContain("\u0000HOME=/home/node\u0000");
    // /proc/1/environ belongs to the main process's user: another uid cannot read it.
    expect(await s.run("docker exec -u 1001 c cat /proc/1/environ")).toEqual({ stdout: "", stderr: "cat: can't open '/proc/1/environ': Permission denied\n", exitCode: 1 });
    expect((await s.run("docker exec -u 0 c whoami")).stdout).toBe("root\n");
    expect((await s.run("docker run --rm -u nobody alpine:3.20 id")).stdout).toBe("uid=65534(nobody) gid=65534(nobody) groups=65534(nobody)\n");
  });

  it("an unknown user keeps the container from starting", async () => {
    const s = session();
    expect(await s.run("docker run --name c -u bob alpine:3.20 id")).toEqual({
      stdout: "",
      stderr: "docker: Error response from daemon: unable to find user bob: no matching entries in passwd file\n\nRun 'docker run --help' for more information\n",
      exitCode: 125,
    });
    expect((await s.run("docker ps -a --format '{{.Names}} {{.Status}}'")).stdout).toBe("c Created\n");
  });
});

describe("file permissions for a process that is not root", () => {
  async function payments(s: ReturnType<typeof session>): Promise<void> {
    await setup(
      s,
      "mkdir -p /srv/secrets && printf 'P@ssw0rd-demo-only\\n' > /srv/secrets/db_password",
      "chown 1000:1000 /srv/secrets/db_password",
      "chmod 400 /srv/secrets/db_password",
      "docker run -d --name payments --user 1000:1000 -v /srv/secrets/db_password:/run/secrets/db_password:ro node:22-alpine sleep infinity",
    );
  }

  it("a 0400 secret is readable by its owner only (and by root)", async () => {
    const s = session();
    await payments(s);
    expect((await s.run("docker exec payments cat /run/secrets/db_password")).stdout).toBe("P@ssw0rd-demo-only\n");
    expect(await s.run("docker exec --user 1001 payments cat /run/secrets/db_password")).toEqual({
      stdout: "",
      stderr: "cat: can't open '/run/secrets/db_password': Permission denied\n",
      exitCode: 1,
    });
    expect((await s.run("docker exec --user 0 payments cat /run/secrets/db_password")).stdout).toBe("P@ssw0rd-demo-only\n");
    expect((await s.run("docker exec -u 1001 payments grep -c P /run/secrets/db_password")).stderr).toBe("grep: /run/secrets/db_password: Permission denied\n");
  });

  it("writes need write permission on the file or its directory; new files belong to the user", async () => {
    const s = session();
    await payments(s);
    expect(await s.run("docker exec payments sh -c 'echo x > /etc/motd'")).toEqual({ stdout: "", stderr: "sh: can't create /etc/motd: Permission denied\n", exitCode: 1 });
    expect(await s.run("docker exec payments mkdir /srv/cache")).toEqual({ stdout: "", stderr: "mkdir: can't create directory '/srv/cache': Permission denied\n", exitCode: 1 });
    expect(await s.run("docker exec payments rm /etc/hostname")).toEqual({ stdout: "", stderr: "rm: can't remove '/etc/hostname': Permission denied\n", exitCode: 1 });
    await setup(s, "docker exec payments sh -c 'echo cache > /tmp/x && mkdir /tmp/d'");
    expect((await s.run("docker exec payments stat -c '%U:%G %a %n' /tmp/x /tmp/d")).stdout).toBe("node:node 644 /tmp/x\nnode:node 755 /tmp/d\n");
    expect(await s.run("docker exec payments ls /root")).toEqual({ stdout: "", stderr: "ls: can't open '/root': Permission denied\n", exitCode: 1 });
  });

  it("only the owner may chmod, only root may chown", async () => {
    const s = session();
    await payments(s);
    expect(await s.run("docker exec payments chmod 777 /etc/passwd")).toEqual({ stdout: "", stderr: "chmod: /etc/passwd: Operation not permitted\n", exitCode: 1 });
    expect(await s.run("docker exec payments chown node /etc/passwd")).toEqual({ stdout: "", stderr: "chown: /etc/passwd: Operation not permitted\n", exitCode: 1 });
    await setup(s, "docker exec payments sh -c 'touch /tmp/mine && chmod 600 /tmp/mine'");
    expect((await s.run("docker exec payments stat -c '%a' /tmp/mine")).stdout).toBe("600\n");
    expect((await s.run("docker exec payments chown 0 /tmp/mine")).stderr).toBe("chown: /tmp/mine: Operation not permitted\n");
  });
});

describe("USER in a Dockerfile", () => {
  const PACKAGE_JSON = `{"name":"app","dependencies":{"express":"4.21.0"}}`;

  it("RUN steps run as that user: a root-only secret mount is unreadable unless uid= is set", async () => {
    const s = session();
    await setup(s, "printf 'sk_test_51Fake' > key.txt");
    s.engine.host.writeFile("/home/learner/app/Dockerfile", "FROM node:22-alpine\nUSER node\nRUN --mount=type=secret,id=api_key whoami && cat /run/secrets/api_key\n");
    const denied = await s.run("docker build --secret id=api_key,src=key.txt .");
    expect(denied.exitCode).toBe(1);
    expect(denied.stderr).toContain("#5 0.312 node\n#5 0.316 cat: can't open '/run/secrets/api_key': Permission denied\n");
    s.engine.host.writeFile("/home/learner/app/Dockerfile", "FROM node:22-alpine\nUSER node\nRUN --mount=type=secret,id=api_key,uid=1000 cat /run/secrets/api_key\n");
    const allowed = await s.run("docker build --secret id=api_key,src=key.txt .");
    expect(allowed.exitCode, allowed.stderr).toBe(0);
    expect(allowed.stderr).toContain("#5 0.312 sk_test_51Fake\n");
  });

  it("npm ci as USER node in a directory root owns fails with npm's EACCES", async () => {
    const s = session();
    s.engine.host.writeFile("/home/learner/app/package.json", PACKAGE_JSON);
    s.engine.host.writeFile("/home/learner/app/Dockerfile", "FROM node:22-alpine\nWORKDIR /app\nCOPY package.json ./\nUSER node\nRUN npm ci\n");
    const r = await s.run("docker build .");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("0.312 npm error code EACCES\n");
    expect(r.stderr).toContain("npm error Error: EACCES: permission denied, mkdir '/app/node_modules'\n");
    expect(r.stderr).toContain('ERROR: failed to build: failed to solve: process "/bin/sh -c npm ci" did not complete successfully: exit code: 243\n');
  });

  it("an unknown USER fails the step", async () => {
    const s = session();
    s.engine.host.writeFile("/home/learner/app/Dockerfile", "FROM alpine:3.20\nUSER app\nRUN true\n");
    const r = await s.run("docker build .");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("ERROR: failed to build: failed to solve: unable to find user app: no matching entries in passwd file\n");
  });
});

describe("COPY --chown", () => {
  it("looks the user up in the image's /etc/passwd and the group in its /etc/group", async () => {
    const s = session();
    await setup(s, "printf 'console.log(1)' > app.js");
    // A group whose gid (2000) is nobody's uid: a lookup in passwd would not find it.
    s.engine.host.writeFile(
      "/home/learner/app/Dockerfile",
      "FROM node:22-alpine\nRUN echo 'deploy:x:2000:' >> /etc/group\nCOPY --chown=node:deploy app.js /srv/app.js\nCOPY --chown=node app.js /srv/own.js\nCOPY --chown=1234:55 app.js /srv/ids.js\n",
    );
    const built = await s.run("docker build -t chown-test .");
    expect(built.exitCode, built.stderr).toBe(0);
    const owners = await s.run("docker run --rm chown-test ls -l /srv");
    expect(owners.stdout).toMatch(/ node +deploy .*app\.js/);
    // A user without a group: the gid is the same number as the uid (Docker's reference): node's 1000.
    expect(owners.stdout).toMatch(/ node +node .*own\.js/);
    expect(owners.stdout).toMatch(/ 1234 +55 .*ids\.js/);
  });
});
