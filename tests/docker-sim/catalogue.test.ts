/** The offline registry: the images learners type, pulled with Docker's output; unknown ones refused as Docker Hub refuses them. */
import { describe, expect, it } from "vitest";
import { session } from "./helpers.ts";

const OFFICIAL = ["nginx", "redis", "postgres", "mysql", "mariadb", "wordpress", "ubuntu", "debian", "python", "node:22", "node:lts", "hello-world", "docker"];

describe("image catalogue", () => {
  it.each(OFFICIAL)("docker pull %s prints a pull, a digest and the canonical name", async (ref) => {
    const s = session();
    const r = await s.run(`docker pull ${ref}`);
    const [repo, tag = "latest"] = ref.split(":");
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe(ref.includes(":") ? `${tag}: Pulling from library/${repo}` : "Using default tag: latest");
    expect(r.stdout).toMatch(/\n[0-9a-f]{12}: Pull complete\n/);
    expect(r.stdout).toMatch(/\nDigest: sha256:[0-9a-f]{64}\n/);
    expect(r.stdout).toContain(`Status: Downloaded newer image for ${repo}:${tag}\ndocker.io/library/${repo}:${tag}\n`);
    // A second pull finds it up to date.
    expect((await s.run(`docker pull ${ref}`)).stdout).toContain(`Status: Image is up to date for ${repo}:${tag}`);
  });

  it("nginx:latest is Debian-based and ships bash; the alpine variant does not", async () => {
    const s = session();
    expect((await s.run("docker run --rm nginx cat /etc/os-release")).stdout).toContain('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"');
    expect((await s.run("docker run --rm nginx ls /bin/bash")).stdout).toBe("/bin/bash\n");
    expect((await s.run("docker run --rm nginx:1.27-alpine ls /bin/bash")).exitCode).not.toBe(0);
  });

  it("an unknown repository is 'pull access denied'; a known one with an unknown tag is 'manifest unknown'", async () => {
    const s = session();
    expect(await s.run("docker pull nosuchimage")).toEqual({
      stdout: "Using default tag: latest\n",
      stderr: "Error response from daemon: pull access denied for nosuchimage, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n",
      exitCode: 1,
    });
    expect(await s.run("docker pull nginx:9.9")).toEqual({ stdout: "", stderr: "Error response from daemon: manifest for nginx:9.9 not found: manifest unknown: manifest unknown\n", exitCode: 1 });
    const run = await s.run("docker run --rm nosuchimage");
    expect(run.exitCode).toBe(125);
    expect(run.stderr).toBe(
      "Unable to find image 'nosuchimage:latest' locally\ndocker: Error response from daemon: pull access denied for nosuchimage, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n\nRun 'docker run --help' for more information\n",
    );
  });

  it("hello-world prints its greeting after the pull", async () => {
    const s = session();
    const r = await s.run("docker run hello-world");
    expect(r.stdout).toMatch(/^\nHello from Docker!\nThis message shows that your installation appears to be working correctly\.\n/);
    expect(r.stderr).toMatch(/^Unable to find image 'hello-world:latest' locally\nlatest: Pulling from library\/hello-world\n/);
    expect(r.exitCode).toBe(0);
  });

  it("postgres refuses to start without a superuser password, and starts with one or a _FILE", async () => {
    const s = session();
    const bare = await s.run("docker run --name db postgres");
    expect(bare.exitCode).toBe(1);
    expect(bare.stderr).toContain("Error: Database is uninitialized and superuser password is not specified.\n");
    expect((await s.run("docker run -d -e POSTGRES_PASSWORD=example postgres")).exitCode).toBe(0);
    expect((await s.run("docker run -d -e POSTGRES_PASSWORD_FILE=/run/secrets/db_password postgres")).exitCode).toBe(0);
    expect((await s.run("docker ps --format '{{.Image}} {{.Status}}'")).stdout).toBe("postgres Up Less than a second\npostgres Up Less than a second\n");
  });

  it("python and node with no script exit at once, as with no terminal", async () => {
    const s = session();
    expect((await s.run("docker run --rm python")).exitCode).toBe(0);
    expect((await s.run("docker run --rm node:lts")).exitCode).toBe(0);
  });
});
