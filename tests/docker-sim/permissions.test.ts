import { describe, expect, it } from "vitest";
import { session, setup } from "./helpers.ts";

describe("chmod and chown on the host (GNU coreutils)", () => {
  it("octal and symbolic modes show in ls -l and stat", async () => {
    const s = session();
    await setup(s, "printf 'pg_FAKE' > secret", "chmod 600 secret");
    expect((await s.run("stat -c '%a %A' secret")).stdout).toBe("600 -rw-------\n");
    await setup(s, "chmod u+x,g+r secret");
    expect((await s.run("ls -l secret")).stdout).toBe("-rwxr----- 1 root root 7 Jan 15 09:30 secret\n");
    await setup(s, "chmod go= secret", "chmod a-x secret");
    expect((await s.run("stat -c '%a' secret")).stdout).toBe("600\n");
    await setup(s, "chmod 0400 secret");
    expect((await s.run("stat -c '%A' secret")).stdout).toBe("-r--------\n");
  });

  it("without who-letters the umask (022) protects group and other", async () => {
    const s = session();
    await setup(s, "touch f", "chmod 444 f", "chmod +w f", "mkdir d", "chmod 700 d", "chmod g=u d");
    expect((await s.run("stat -c '%a' f d")).stdout).toBe("644\n770\n");
    await setup(s, "chmod +x f", "chmod -x f");
    expect((await s.run("stat -c '%a' f")).stdout).toBe("644\n");
    await setup(s, "chmod a+X f");
    expect((await s.run("stat -c '%a' f")).stdout).toBe("644\n");
    await setup(s, "chmod u+s,+t d");
    expect((await s.run("ls -ld d")).stdout).toMatch(/^drwsrwx--T /);
  });

  it("chown takes numbers, names, OWNER: and :GROUP", async () => {
    const s = session();
    await setup(s, "touch f", "chown 1000:1000 f");
    expect((await s.run("stat -c '%u:%g %U:%G' f")).stdout).toBe("1000:1000 learner:learner\n");
    await setup(s, "chown :docker f");
    expect((await s.run("stat -c '%U:%G' f")).stdout).toBe("learner:docker\n");
    await setup(s, "chown root: f");
    expect((await s.run("stat -c '%U:%G' f")).stdout).toBe("root:root\n");
    await setup(s, "chown 4242 f");
    expect((await s.run("ls -l f")).stdout).toBe("-rw-r--r-- 1 4242 root 0 Jan 15 09:30 f\n");
  });

  it("-R changes a whole tree", async () => {
    const s = session();
    await setup(s, "mkdir -p conf/sub", "touch conf/a conf/sub/b", "chmod -R go-rwx conf", "chown -R 1000 conf");
    expect((await s.run("stat -c '%a %u %n' conf conf/a conf/sub conf/sub/b")).stdout).toBe("700 1000 conf\n600 1000 conf/a\n700 1000 conf/sub\n600 1000 conf/sub/b\n");
  });

  it("errors are worded like coreutils", async () => {
    const s = session();
    await setup(s, "touch f");
    expect(await s.run("chmod 600 x")).toEqual({ stdout: "", stderr: "chmod: cannot access 'x': No such file or directory\n", exitCode: 1 });
    expect(await s.run("chown 1000 x")).toEqual({ stdout: "", stderr: "chown: cannot access 'x': No such file or directory\n", exitCode: 1 });
    expect(await s.run("chmod 999 f")).toEqual({ stdout: "", stderr: "chmod: invalid mode: '999'\nTry 'chmod --help' for more information.\n", exitCode: 1 });
    expect(await s.run("chmod")).toEqual({ stdout: "", stderr: "chmod: missing operand\nTry 'chmod --help' for more information.\n", exitCode: 1 });
    expect(await s.run("chmod 600")).toEqual({ stdout: "", stderr: "chmod: missing operand after '600'\nTry 'chmod --help' for more information.\n", exitCode: 1 });
    expect(await s.run("chown bob f")).toEqual({ stdout: "", stderr: "chown: invalid user: 'bob'\n", exitCode: 1 });
    expect(await s.run("chown 1000:staff f")).toEqual({ stdout: "", stderr: "chown: invalid group: '1000:staff'\n", exitCode: 1 });
    // One bad operand does not stop the others.
    const both = await s.run("chmod 600 x f");
    expect(both.exitCode).toBe(1);
    expect((await s.run("stat -c '%a' f")).stdout).toBe("600\n");
  });
});

describe("chmod and chown in a container (BusyBox)", () => {
  it("change the writable layer, not the image", async () => {
    const s = session();
    await setup(s, "docker run -d --name a alpine:3.20 sleep infinity", "docker exec a chmod 600 /etc/passwd", "docker exec a chown 65534:65534 /etc/passwd");
    expect((await s.run("docker exec a ls -l /etc/passwd")).stdout).toBe("-rw-------    1 nobody   nobody         147 Dec  6 01:12 /etc/passwd\n");
    expect((await s.run("docker run --rm alpine:3.20 stat -c '%a %U' /etc/passwd")).stdout).toBe("644 root\n");
  });

  it("BusyBox wording; a read-only mount refuses", async () => {
    const s = session();
    await setup(s, "mkdir -p /srv/secrets && printf 'x' > /srv/secrets/k", "docker run -d --name a -v /srv/secrets/k:/run/secrets/k:ro alpine:3.20 sleep infinity");
    expect(await s.run("docker exec a chmod 600 /nope")).toEqual({ stdout: "", stderr: "chmod: /nope: No such file or directory\n", exitCode: 1 });
    expect(await s.run("docker exec a chown bob /etc/passwd")).toEqual({ stdout: "", stderr: "chown: unknown user bob\n", exitCode: 1 });
    expect(await s.run("docker exec a chmod 400 /run/secrets/k")).toEqual({ stdout: "", stderr: "chmod: /run/secrets/k: Read-only file system\n", exitCode: 1 });
    expect(await s.run("docker exec a chmod 400 /proc/1/environ")).toEqual({ stdout: "", stderr: "chmod: /proc/1/environ: Read-only file system\n", exitCode: 1 });
  });

  it("a chown on the host shows through a bind mount", async () => {
    const s = session();
    await setup(
      s,
      "mkdir -p /srv/secrets && printf 'pg_FAKE\\n' > /srv/secrets/db_password",
      "chown 1000:1000 /srv/secrets/db_password",
      "chmod 400 /srv/secrets/db_password",
      "docker run -d --name app -v /srv/secrets/db_password:/run/secrets/db_password:ro node:22-alpine sleep infinity",
    );
    expect((await s.run("docker exec app ls -l /run/secrets/db_password")).stdout).toBe("-r--------    1 node     node             8 Jan 15 09:30 /run/secrets/db_password\n");
  });
});
