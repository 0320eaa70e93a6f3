/** docker volume create|ls|inspect|rm, with the volume reference's examples and moby's refusals. */
import { describe, expect, it } from "vitest";
import { session, setup } from "./helpers.ts";

describe("docker volume", () => {
  it("create prints the name; a container writes, another reads; ls and inspect; rm refuses while used", async () => {
    const s = session();
    expect((await s.run("docker volume create hello")).stdout).toBe("hello\n");
    // The local driver returns an existing volume of that name without an error.
    expect((await s.run("docker volume create hello")).stdout).toBe("hello\n");
    await setup(s, "docker run --name writer -v hello:/world busybox sh -c 'echo shared > /world/f'");
    expect((await s.run("docker run --rm -v hello:/data busybox cat /data/f")).stdout).toBe("shared\n");
    expect((await s.run("docker volume ls")).stdout).toBe("DRIVER    VOLUME NAME\nlocal     hello\n");
    const doc = JSON.parse((await s.run("docker volume inspect hello")).stdout)[0];
    expect(doc).toMatchObject({ Driver: "local", Mountpoint: "/var/lib/docker/volumes/hello/_data", Name: "hello", Scope: "local" });
    const busy = await s.run("docker volume rm hello");
    expect(busy.exitCode).toBe(1);
    expect(busy.stderr).toMatch(/^Error response from daemon: remove hello: volume is in use - \[[0-9a-f]{64}\]\n$/);
    await setup(s, "docker rm writer");
    expect(await s.run("docker volume rm hello")).toEqual({ stdout: "hello\n", stderr: "", exitCode: 0 });
    expect((await s.run("docker volume inspect hello")).stderr).toBe("Error response from daemon: get hello: no such volume\n");
    expect((await s.run("docker volume create")).stdout).toMatch(/^[0-9a-f]{64}\n$/);
    expect((await s.run("docker --help")).stdout).toMatch(/\n  volume\s+Manage volumes\n/);
  });
});
