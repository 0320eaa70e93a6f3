/**
 * docker network create|ls|inspect|rm and --network on run, pinned to docker/cli's columns
 * (cli/command/network/formatter.go) and moby's words.
 */
import { describe, expect, it } from "vitest";
import { session, setup } from "./helpers.ts";

const table = (out: string): string[][] => out.trimEnd().split("\n").map((l) => l.split(/\s{2,}/));

describe("docker network", () => {
  it("a fresh engine lists bridge, host and none by name with 12-char ids", async () => {
    const s = session();
    const r = await s.run("docker network ls");
    expect(r.exitCode).toBe(0);
    const rows = table(r.stdout);
    expect(rows[0]).toEqual(["NETWORK ID", "NAME", "DRIVER", "SCOPE"]);
    expect(rows.slice(1).map((r) => r.slice(1))).toEqual([
      ["bridge", "bridge", "local"],
      ["host", "host", "local"],
      ["none", "null", "local"],
    ]);
    for (const row of rows.slice(1)) expect(row[0]).toMatch(/^[0-9a-f]{12}$/);
  });

  it("create prints the full id; a second create with the name is refused; rm prints the name", async () => {
    const s = session();
    const created = await s.run("docker network create backend");
    expect(created.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    expect(await s.run("docker network create backend")).toEqual({ stdout: "", stderr: "Error response from daemon: network with name backend already exists\n", exitCode: 1 });
    expect((await s.run("docker network ls --format '{{.Name}} {{.Driver}} {{.Scope}}' --filter name=back")).stdout).toBe("backend bridge local\n");
    expect(await s.run("docker network rm backend")).toEqual({ stdout: "backend\n", stderr: "", exitCode: 0 });
    expect(await s.run("docker network rm backend")).toEqual({ stdout: "", stderr: "Error response from daemon: network backend not found\n", exitCode: 1 });
    expect((await s.run("docker network rm -f backend")).exitCode).toBe(0);
    expect((await s.run("docker network rm bridge")).stderr).toBe("Error response from daemon: bridge is a pre-defined network and cannot be removed\n");
  });

  it("inspect shows IPAM, the attached running container, and --format reaches into it", async () => {
    const s = session();
    await setup(s, "docker network create --label team=a backend", "docker run -d --name api --network backend nginx:1.27-alpine");
    const doc = JSON.parse((await s.run("docker network inspect backend")).stdout)[0];
    expect(doc).toMatchObject({ Name: "backend", Scope: "local", Driver: "bridge", EnableIPv4: true, EnableIPv6: false, IPAM: { Driver: "default", Config: [{ Subnet: "172.18.0.0/16", Gateway: "172.18.0.1" }] }, Internal: false, Attachable: false, Ingress: false, Labels: { team: "a" } });
    expect(Object.values(doc.Containers)).toEqual([expect.objectContaining({ Name: "api", IPv4Address: "172.18.0.2/16", MacAddress: "02:42:ac:12:00:02", IPv6Address: "" })]);
    expect((await s.run("docker network inspect -f '{{range .IPAM.Config}}{{.Subnet}}{{end}}' backend")).stdout).toBe("172.18.0.0/16\n");
    expect((await s.run("docker network ls -f label=team=a -q")).stdout).toMatch(/^[0-9a-f]{12}\n$/);
    // The container's side: NetworkMode and its one Networks entry.
    expect((await s.run("docker inspect -f '{{.HostConfig.NetworkMode}} {{.NetworkSettings.Networks.backend.IPAddress}}' api")).stdout).toBe("backend 172.18.0.2\n");
    // In use while it runs; removable once the container stopped.
    const busy = await s.run("docker network rm backend");
    expect(busy.exitCode).toBe(1);
    expect(busy.stderr).toMatch(/^Error response from daemon: error while removing network: network backend id [0-9a-f]{64} has active endpoints\n$/);
    await setup(s, "docker stop api");
    expect((await s.run("docker network rm backend")).stdout).toBe("backend\n");
  });

  it("run --network with a missing network: Docker 28's start error, exit 125, the container left Created", async () => {
    const s = session();
    const r = await s.run("docker run --name x --network nope alpine:3.20 true");
    expect(r.exitCode).toBe(125);
    expect(r.stderr).toContain("docker: Error response from daemon: failed to set up container networking: network nope not found\n");
    expect((await s.run("docker ps -a --format '{{.Names}} {{.Status}}'")).stdout).toBe("x Created\n");
  });

  it("overlay needs a swarm; swarm init adds ingress and docker_gwbridge; leave drops the swarm ones", async () => {
    const s = session();
    expect((await s.run("docker network create -d overlay mesh")).stderr).toContain("This node is not a swarm manager.");
    await setup(s, "docker swarm init");
    const overlay = await s.run("docker network create -d overlay --attachable mesh");
    expect(overlay.stdout).toMatch(/^[a-z0-9]{25}\n$/);
    expect((await s.run("docker network ls --format '{{.Name}}\t{{.Driver}}\t{{.Scope}}'")).stdout).toBe(
      "bridge\tbridge\tlocal\ndocker_gwbridge\tbridge\tlocal\nhost\thost\tlocal\ningress\toverlay\tswarm\nmesh\toverlay\tswarm\nnone\tnull\tlocal\n",
    );
    expect((await s.run("docker network ls -f driver=overlay -f type=custom --format '{{.Name}}'")).stdout).toBe("mesh\n");
    expect((await s.run("docker network ls -f bogus=1")).stderr).toBe("Error response from daemon: invalid filter 'bogus'\n");
    expect((await s.run("docker network create -d macvlanx m")).stderr).toBe("Error response from daemon: could not find plugin macvlanx in v1 plugin registry: plugin not found\n");
    await setup(s, "docker swarm leave --force");
    expect((await s.run("docker network ls --format '{{.Name}}'")).stdout).toBe("bridge\ndocker_gwbridge\nhost\nnone\n");
  });

  it("docker --help lists network; an unknown flag is pflag's error with exit 125", async () => {
    const s = session();
    expect((await s.run("docker --help")).stdout).toMatch(/\n  network\s+Manage networks\n/);
    expect(await s.run("docker network ls --bogus")).toEqual({ stdout: "", stderr: "unknown flag: --bogus\n\nUsage:  docker network ls [OPTIONS]\n\nRun 'docker network ls --help' for more information\n", exitCode: 125 });
  });
});
