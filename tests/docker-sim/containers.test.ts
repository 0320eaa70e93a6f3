import { describe, expect, it } from "vitest";
import { session, setup } from "./helpers.ts";

const KEY = "sk_test_51FakeStripeKeyForLessons";

describe("docker run -e: the value leaks through inspect and /proc", () => {
  it("docker inspect shows the value under Config.Env", async () => {
    const s = session();
    const run = await s.run(`docker run -d --name web -e API_KEY=${KEY} nginx:1.27-alpine`);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    const inspect = await s.run("docker inspect web");
    expect(inspect.exitCode).toBe(0);
    const doc = JSON.parse(inspect.stdout) as [{ Name: string; Config: { Env: string[] }; State: { Status: string } }];
    expect(doc[0].Name).toBe("/web");
    expect(doc[0].State.Status).toBe("running");
    // User variables first, then the image's own (daemon merge order).
    expect(doc[0].Config.Env.slice(0, 2)).toEqual([`API_KEY=${KEY}`, "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]);
    expect(inspect.stdout).toContain('        "Config": {\n            "Hostname": ');
  });

  it("--format renders Go templates", async () => {
    const s = session();
    await setup(s, `docker run -d --name web -e API_KEY=${KEY} nginx:1.27-alpine`);
    const r = await s.run("docker inspect --format '{{range .Config.Env}}{{println .}}{{end}}' web");
    expect(r.stdout.split("\n")[0]).toBe(`API_KEY=${KEY}`);
    const json = await s.run("docker inspect -f '{{json .Config.Env}}' web");
    expect(json.stdout.startsWith(`["API_KEY=${KEY}",`)).toBe(true);
  });

  it("/proc/1/environ holds the environment, NUL-separated", async () => {
    const s = session();
    await setup(s, `docker run -d --name web -e API_KEY=${KEY} nginx:1.27-alpine`);
    const raw = await s.run("docker exec web cat /proc/1/environ");
    expect(raw.stdout).toContain(`\u0000API_KEY=${KEY}\u0000`);
    expect(raw.stdout.endsWith("HOME=/root\u0000")).toBe(true);
    const lines = await s.run("docker exec web cat /proc/1/environ | tr '\\0' '\\n' | grep API_KEY");
    expect(lines).toEqual({ stdout: `API_KEY=${KEY}\n`, stderr: "", exitCode: 0 });
  });

  it("docker exec env prints PATH, HOSTNAME, Config.Env, HOME", async () => {
    const s = session();
    const id = (await s.run(`docker run -d --name web -e API_KEY=${KEY} busybox sleep infinity`)).stdout.trim();
    const r = await s.run("docker exec web env");
    expect(r.stdout).toBe(
      `PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nHOSTNAME=${id.slice(0, 12)}\nAPI_KEY=${KEY}\nHOME=/root\n`,
    );
  });

  it("-e NAME takes the exported value of the shell, and is dropped when unset", async () => {
    const s = session();
    await setup(s, `export API_KEY=${KEY}`, "UNEXPORTED=nope", "docker run -d --name a -e API_KEY -e UNEXPORTED -e MISSING alpine:3.20 sleep 1d");
    const r = await s.run("docker inspect -f '{{json .Config.Env}}' a");
    expect(r.stdout).toBe(`["API_KEY=${KEY}","PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]\n`);
  });

  it("--env-file keeps values verbatim, quotes included", async () => {
    const s = session();
    await setup(s, `printf '# comment\\nAPI_KEY="${KEY}"\\nDEBUG=1\\n' > .env`, "docker run -d --name a --env-file .env alpine:3.20 sleep 1d");
    const r = await s.run("docker exec a printenv API_KEY");
    expect(r.stdout).toBe(`"${KEY}"\n`);
    const missing = await s.run("docker run --env-file nope.env alpine:3.20");
    expect(missing).toEqual({ stdout: "", stderr: "docker: open nope.env: no such file or directory\n\nRun 'docker run --help' for more information\n", exitCode: 125 });
  });

  it("a foreground run prints the process output and exits with its code", async () => {
    const s = session();
    const r = await s.run(`docker run --rm -e API_KEY=${KEY} alpine:3.20 sh -c 'echo key is $API_KEY; exit 3'`);
    expect(r).toEqual({ stdout: `key is ${KEY}\n`, stderr: "", exitCode: 3 });
    expect((await s.run("docker ps -a -q")).stdout).toBe("");
  });
});

describe("secrets as files", () => {
  it("a bind-mounted secret file shows a mount in inspect, never the value", async () => {
    const s = session();
    await setup(
      s,
      "mkdir -p /srv/secrets && printf 'pg_FAKE_password_v1' > /srv/secrets/db_password",
      "docker run -d --name db -v /srv/secrets/db_password:/run/secrets/db_password:ro alpine:3.20 sleep infinity",
    );
    const inspect = await s.run("docker inspect db");
    expect(inspect.stdout).not.toContain("pg_FAKE_password_v1");
    const mounts = await s.run("docker inspect -f '{{json .Mounts}}' db");
    expect(mounts.stdout).toBe('[{"Type":"bind","Source":"/srv/secrets/db_password","Destination":"/run/secrets/db_password","Mode":"ro","RW":false,"Propagation":"rprivate"}]\n');
    const binds = await s.run("docker inspect -f '{{json .HostConfig.Binds}}' db");
    expect(binds.stdout).toBe('["/srv/secrets/db_password:/run/secrets/db_password:ro"]\n');
    expect((await s.run("docker exec db cat /run/secrets/db_password")).stdout).toBe("pg_FAKE_password_v1");
  });

  it("rotating the host file is visible inside without a restart", async () => {
    const s = session();
    await setup(
      s,
      "mkdir -p /srv/secrets && printf 'pg_FAKE_v1' > /srv/secrets/db_password",
      "docker run -d --name db -v /srv/secrets/db_password:/run/secrets/db_password:ro alpine:3.20 sleep infinity",
      "printf 'pg_FAKE_v2' > /srv/secrets/db_password",
    );
    expect((await s.run("docker exec db cat /run/secrets/db_password")).stdout).toBe("pg_FAKE_v2");
  });

  it("a read-only mount refuses writes with the kernel's error", async () => {
    const s = session();
    await setup(s, "mkdir -p /srv/secrets && printf 'x' > /srv/secrets/k", "docker run -d --name db -v /srv/secrets/k:/run/secrets/k:ro alpine:3.20 sleep infinity");
    const r = await s.run("docker exec db sh -c 'echo hacked > /run/secrets/k'");
    expect(r).toEqual({ stdout: "", stderr: "sh: can't create /run/secrets/k: Read-only file system\n", exitCode: 1 });
  });

  it("--tmpfs appears under HostConfig.Tmpfs, --mount type=tmpfs under Mounts", async () => {
    const s = session();
    await setup(s, "docker run -d --name t --tmpfs /run/secrets --mount type=tmpfs,target=/cache alpine:3.20 sleep infinity");
    expect((await s.run("docker inspect -f '{{json .HostConfig.Tmpfs}}' t")).stdout).toBe('{"/run/secrets":""}\n');
    expect((await s.run("docker inspect -f '{{json .Mounts}}' t")).stdout).toBe('[{"Type":"tmpfs","Source":"","Destination":"/cache","Mode":"","RW":true,"Propagation":""}]\n');
    await setup(s, "docker exec t sh -c 'echo tmp > /run/secrets/x'");
    expect((await s.run("docker exec t cat /run/secrets/x")).stdout).toBe("tmp\n");
  });

  it("--mount type=bind with a missing source is refused", async () => {
    const s = session();
    const r = await s.run("docker run -d --mount type=bind,source=/srv/nope,target=/run/secrets/x alpine:3.20");
    expect(r.exitCode).toBe(125);
    expect(r.stderr).toBe('docker: Error response from daemon: invalid mount config for type "bind": bind source path does not exist: /srv/nope\n\nRun \'docker run --help\' for more information\n');
  });

  it("docker run has no --secret flag: secrets are for swarm services", async () => {
    const s = session();
    const r = await s.run("docker run --secret db_password alpine:3.20");
    expect(r).toEqual({
      stdout: "",
      stderr: "unknown flag: --secret\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n",
      exitCode: 125,
    });
  });
});

describe("container lifecycle", () => {
  // The image's EXPOSE shows in PORTS even when nothing is published, as in Docker.
  it("docker ps prints Docker's table", async () => {
    const s = session();
    const id = (await s.run("docker run -d --name web nginx:1.27-alpine")).stdout.slice(0, 12);
    s.clock.advance(5_000);
    const r = await s.run("docker ps");
    expect(r.stdout).toBe(
      "CONTAINER ID   IMAGE               COMMAND                  CREATED         STATUS         PORTS     NAMES\n" +
        `${id}   nginx:1.27-alpine   "/docker-entrypoint.…"   5 seconds ago   Up 5 seconds   80/tcp    web\n`,
    );
  });

  it("stop, ps -a, logs, rm", async () => {
    const s = session();
    await setup(s, "docker run -d --name web nginx:1.27-alpine");
    expect((await s.run("docker logs web")).stdout).toContain("Configuration complete; ready for start up");
    expect(await s.run("docker rm web")).toEqual({
      stdout: "",
      stderr: 'Error response from daemon: cannot remove container "/web": container is running: stop the container before removing or force remove\n',
      exitCode: 1,
    });
    expect((await s.run("docker stop web")).stdout).toBe("web\n");
    s.clock.advance(60_000);
    expect((await s.run("docker ps -a --format '{{.Names}} {{.Status}}'")).stdout).toBe("web Exited (0) About a minute ago\n");
    const ex = await s.run("docker exec web env");
    expect(ex.exitCode).toBe(1);
    expect(ex.stderr).toMatch(/^Error response from daemon: container [0-9a-f]{64} is not running\n$/);
    expect((await s.run("docker rm web")).stdout).toBe("web\n");
    expect(await s.run("docker logs web")).toEqual({ stdout: "", stderr: "Error response from daemon: No such container: web\n", exitCode: 1 });
  });

  it("a name in use is a conflict", async () => {
    const s = session();
    const id = (await s.run("docker run -d --name web nginx:1.27-alpine")).stdout.trim();
    const r = await s.run("docker run -d --name web nginx:1.27-alpine");
    expect(r.exitCode).toBe(125);
    expect(r.stderr).toBe(
      `docker: Error response from daemon: Conflict. The container name "/web" is already in use by container "${id}". You have to remove (or rename) that container to be able to reuse that name.\n\nRun 'docker run --help' for more information\n`,
    );
  });

  it("an unknown image fails the way a registry refusal does", async () => {
    const s = session();
    const r = await s.run("docker run acme/private-app");
    expect(r.exitCode).toBe(125);
    expect(r.stderr).toBe(
      "Unable to find image 'acme/private-app:latest' locally\ndocker: Error response from daemon: pull access denied for acme/private-app, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n\nRun 'docker run --help' for more information\n",
    );
  });

  it("a missing executable cannot start", async () => {
    const s = session();
    const r = await s.run("docker run alpine:3.20 psql");
    expect(r.exitCode).toBe(127);
    expect(r.stderr).toContain('exec: "psql": executable file not found in $PATH: unknown');
  });

  it("argument errors use the CLI's wording", async () => {
    const s = session();
    expect(await s.run("docker run")).toEqual({
      stdout: "",
      stderr: "docker: 'docker run' requires at least 1 argument\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nSee 'docker run --help' for more information\n",
      exitCode: 1,
    });
    expect(await s.run("docker ps --bogus")).toEqual({
      stdout: "",
      stderr: "unknown flag: --bogus\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information\n",
      exitCode: 125,
    });
    expect(await s.run("docker frobnicate")).toEqual({ stdout: "", stderr: "docker: unknown command: docker frobnicate\n\nRun 'docker --help' for more information\n", exitCode: 1 });
    expect((await s.run("docker run --help")).stdout).toContain("Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nCreate and run a new container from an image\n");
    expect((await s.run("docker --help")).stdout).toContain("Swarm Commands:\n  config      Manage Swarm configs\n  node        Manage Swarm nodes\n  secret      Manage Swarm secrets");
  });

  it("inspect of an unknown object", async () => {
    const s = session();
    expect(await s.run("docker inspect nope")).toEqual({ stdout: "[]\n", stderr: "Error: No such object: nope\n", exitCode: 1 });
  });
});

describe("hand-off to the runtime", () => {
  it("appLaunch exposes env and files of the container's process", async () => {
    const s = session();
    await setup(
      s,
      "mkdir -p /srv/secrets && printf 'pg_FAKE' > /srv/secrets/db_password",
      "docker run -d --name app -e DB_USER=app -v /srv/secrets/db_password:/run/secrets/db_password:ro node:22-alpine node app.js",
    );
    const launch = s.engine.appLaunch("app");
    expect(launch.argv).toEqual(["docker-entrypoint.sh", "node", "app.js"]);
    expect(launch.env.DB_USER).toBe("app");
    expect(launch.files["/run/secrets/db_password"]).toBe("pg_FAKE");
    expect(launch.workingDir).toBe("/");
  });

  it("an app runner receives the launch and its output becomes the logs", async () => {
    const s = session();
    const seen: string[] = [];
    s.engine.setAppRunner(async (launch) => {
      seen.push(launch.env.API_KEY ?? "");
      return { stdout: "listening on 3000\n", stderr: "", exitCode: 0 };
    });
    const r = await s.run(`docker run --name app -e API_KEY=${KEY} node:22-alpine node app.js`);
    expect(r).toEqual({ stdout: "listening on 3000\n", stderr: "", exitCode: 0 });
    expect(seen).toEqual([KEY]);
    expect((await s.run("docker logs app")).stdout).toBe("listening on 3000\n");
  });
});

describe("tmpfs mounts", () => {
  it("are 1777 by default; --tmpfs mode= and --mount tmpfs-mode= set the mode", async () => {
    const { session: mk } = await import("./helpers.ts");
    const s = mk();
    expect((await s.run("docker run --rm --tmpfs /app alpine:3.20 ls -ld /app")).stdout).toMatch(/^drwxrwxrwt /);
    expect((await s.run("docker run --rm --mount type=tmpfs,destination=/app,tmpfs-mode=1770 alpine:3.20 ls -ld /app")).stdout).toMatch(/^drwxrwx--T /);
    expect((await s.run("docker run --rm --tmpfs /app:rw,noexec,mode=700 alpine:3.20 ls -ld /app")).stdout).toMatch(/^drwx------ /);
  });
});

describe("docker run -p", () => {
  it("shows published ports (IPv4 and IPv6) and the image's other exposed ports in docker ps PORTS", async () => {
    const { session: mk } = await import("./helpers.ts");
    const s = mk();
    await s.run("docker run -d --name web -p 8080:80 nginx:1.27-alpine");
    await s.run("docker run -d --name cache redis:7-alpine");
    await s.run("docker run -d --name local -p 127.0.0.1:6380:6379 redis:7-alpine");
    expect((await s.run("docker ps --format '{{.Names}}: {{.Ports}}'")).stdout.split("\n").sort().join("\n")).toBe(
      "\ncache: 6379/tcp\nlocal: 127.0.0.1:6380->6379/tcp\nweb: 0.0.0.0:8080->80/tcp, [::]:8080->80/tcp",
    );
    expect((await s.run("docker inspect --format '{{json .HostConfig.PortBindings}}' web")).stdout).toBe('{"80/tcp":[{"HostIp":"","HostPort":"8080"}]}\n');
  });
});
