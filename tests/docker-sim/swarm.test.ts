import { describe, expect, it } from "vitest";
import { session, setup } from "./helpers.ts";

const NOT_MANAGER = 'Error response from daemon: This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.\n';

describe("docker swarm secrets", () => {
  it("secrets need a swarm manager", async () => {
    const s = session();
    expect(await s.run("printf 'pg_FAKE' | docker secret create db_password -")).toEqual({ stdout: "", stderr: NOT_MANAGER, exitCode: 1 });
    expect(await s.run("docker secret ls")).toEqual({ stdout: "", stderr: NOT_MANAGER, exitCode: 1 });
  });

  it("swarm init prints the join command; a second init is refused", async () => {
    const s = session();
    const r = await s.run("docker swarm init");
    expect(r.stdout).toMatch(/^Swarm initialized: current node \([a-z0-9]{25}\) is now a manager\.\n\nTo add a worker to this swarm, run the following command:\n\n {4}docker swarm join --token SWMTKN-1-[a-z0-9]{50}-[a-z0-9]{25} 192\.168\.65\.3:2377\n\nTo add a manager/);
    expect(await s.run("docker swarm init")).toEqual({
      stdout: "",
      stderr: 'Error response from daemon: This node is already part of a swarm. Use "docker swarm leave" to leave this swarm and join another one.\n',
      exitCode: 1,
    });
  });

  it("create from stdin or a file, list, inspect without the value", async () => {
    const s = session();
    await setup(s, "docker swarm init", "printf 'sk_test_51FakeFromFile' > api_key.txt");
    const fromStdin = await s.run("printf 'pg_FAKE_password' | docker secret create db_password -");
    expect(fromStdin.stdout).toMatch(/^[a-z0-9]{25}\n$/);
    const id = fromStdin.stdout.trim();
    s.clock.advance(90_000);
    await setup(s, "docker secret create api_key ./api_key.txt");
    const ls = await s.run("docker secret ls");
    expect(ls.stdout.split("\n")[0]).toBe("ID                          NAME          DRIVER    CREATED                  UPDATED");
    expect(ls.stdout.split("\n")[2]).toBe(`${id}   db_password             About a minute ago       About a minute ago`);
    const inspect = await s.run("docker secret inspect db_password");
    expect(inspect.stdout).toBe(
      `[\n    {\n        "ID": "${id}",\n        "Version": {\n            "Index": 11\n        },\n        "CreatedAt": "2025-01-15T09:30:00Z",\n        "UpdatedAt": "2025-01-15T09:30:00Z",\n        "Spec": {\n            "Name": "db_password",\n            "Labels": {}\n        }\n    }\n]\n`,
    );
    expect(inspect.stdout).not.toContain("pg_FAKE_password");
  });

  it("names are unique, data is 1 byte to under 500 KB, files must exist", async () => {
    const s = session();
    await setup(s, "docker swarm init", "printf 'x' | docker secret create dup -");
    expect((await s.run("printf 'y' | docker secret create dup -")).stderr).toBe("Error response from daemon: rpc error: code = AlreadyExists desc = secret dup already exists\n");
    s.engine.host.writeFile("/home/learner/app/big.bin", "A".repeat(500 * 1024));
    expect(await s.run("docker secret create big big.bin")).toEqual({
      stdout: "",
      stderr: "Error response from daemon: rpc error: code = InvalidArgument desc = secret data must be larger than 0 and less than 512000 bytes\n",
      exitCode: 1,
    });
    s.engine.host.writeFile("/home/learner/app/ok.bin", "A".repeat(500 * 1024 - 1));
    expect((await s.run("docker secret create ok ok.bin")).exitCode).toBe(0);
    expect((await s.run("docker secret create missing nope.txt")).stderr).toBe('Error reading content from "nope.txt": open nope.txt: no such file or directory\n');
    expect((await s.run("printf x | docker secret create 'bad!' -")).stderr).toContain("invalid name, only 64 [a-zA-Z0-9-_.] characters allowed");
  });
});

describe("services with secrets", () => {
  it("the task sees /run/secrets/<name>, read-only for all, on a tmpfs mount", async () => {
    const s = session();
    await setup(s, "docker swarm init", "printf 'pg_FAKE_v1' | docker secret create db_password -");
    const create = await s.run("docker service create --name api --secret db_password redis:alpine");
    expect(create.stdout).toMatch(/^[a-z0-9]{25}\noverall progress: 1 out of 1 tasks\n1\/1: running {3}\[=+>\]\nverify: Service converged\n$/);
    const task = (await s.run("docker ps -q -f name=api")).stdout.trim();
    expect((await s.run(`docker exec ${task} cat /run/secrets/db_password`)).stdout).toBe("pg_FAKE_v1");
    expect((await s.run(`docker exec ${task} ls -l /run/secrets`)).stdout).toBe("total 4\n-r--r--r--    1 root     root            10 Jan 15 09:30 db_password\n");
    // Not in the environment, not in inspect.
    expect((await s.run(`docker exec ${task} env`)).stdout).not.toContain("pg_FAKE");
    expect((await s.run(`docker inspect ${task}`)).stdout).not.toContain("pg_FAKE");
    const svc = await s.run("docker service inspect -f '{{json .Spec.TaskTemplate.ContainerSpec.Secrets}}' api");
    expect(svc.stdout).toMatch(/^\[\{"File":\{"Name":"db_password","UID":"0","GID":"0","Mode":292\},"SecretID":"[a-z0-9]{25}","SecretName":"db_password"\}\]\n$/);
  });

  it("long syntax sets target, owner and mode", async () => {
    const s = session();
    await setup(s, "docker swarm init", "printf 'k' | docker secret create app-key -", "docker service create -d --name web --secret source=app-key,target=app,uid=1000,gid=1001,mode=0400 nginx:1.27-alpine");
    const task = (await s.run("docker ps -q -f name=web")).stdout.trim();
    expect((await s.run(`docker exec ${task} stat -c '%a %u:%g %n' /run/secrets/app`)).stdout).toBe("400 1000:1001 /run/secrets/app\n");
  });

  it("an unknown secret is refused before the service exists", async () => {
    const s = session();
    await setup(s, "docker swarm init");
    expect(await s.run("docker service create --name api --secret nope redis:alpine")).toEqual({ stdout: "", stderr: "secret not found: nope\n", exitCode: 1 });
    expect((await s.run("docker service ls")).stdout).toBe("ID        NAME      MODE      REPLICAS   IMAGE     PORTS\n");
  });

  it("rm is refused while in use; rotation with --secret-rm/--secret-add frees it", async () => {
    const s = session();
    await setup(
      s,
      "docker swarm init",
      "printf 'pg_FAKE_v1' | docker secret create db_password -",
      "docker service create -d --name api --secret db_password redis:alpine",
    );
    expect(await s.run("docker secret rm db_password")).toEqual({
      stdout: "",
      stderr: "Error response from daemon: rpc error: code = InvalidArgument desc = secret 'db_password' is in use by the following service: api\n",
      exitCode: 1,
    });
    await setup(s, "printf 'pg_FAKE_v2' | docker secret create db_password_v2 -");
    const update = await s.run("docker service update --secret-rm db_password --secret-add source=db_password_v2,target=db_password api");
    expect(update.stdout.split("\n")[0]).toBe("api");
    const task = (await s.run("docker ps -q -f name=api")).stdout.trim();
    expect((await s.run(`docker exec ${task} cat /run/secrets/db_password`)).stdout).toBe("pg_FAKE_v2");
    expect(await s.run("docker secret rm db_password")).toEqual({ stdout: "db_password\n", stderr: "", exitCode: 0 });
    const ps = (await s.run("docker service ps api")).stdout.split("\n");
    expect(ps[0]).toBe("ID             NAME        IMAGE          NODE             DESIRED STATE   CURRENT STATE                     ERROR     PORTS");
    expect(ps[1]).toMatch(/^[a-z0-9]{12} {3}api\.1 {7}redis:alpine {3}docker-desktop {3}Running {9}Running Less than a second ago/);
    expect(ps[2]).toMatch(/^[a-z0-9]{12} {4}\\_ api\.1 {3}redis:alpine {3}docker-desktop {3}Shutdown {8}Shutdown/);
    expect((await s.run("docker service ls")).stdout).toMatch(/\n[a-z0-9]{12} {3}api {7}replicated {3}1\/1 {8}redis:alpine {3}\n$/);
  });

  it("removing the service ends its tasks", async () => {
    const s = session();
    await setup(s, "docker swarm init", "printf 'x' | docker secret create k -", "docker service create -d --name api --secret k redis:alpine");
    expect((await s.run("docker service rm api")).stdout).toBe("api\n");
    expect((await s.run("docker ps -a -q")).stdout).toBe("");
    expect((await s.run("docker secret rm k")).exitCode).toBe(0);
  });
});

describe("docker node ls and docker swarm join-token", () => {
  it("lists this one node as the leader, and prints the join commands", async () => {
    const { session: mk, setup: init } = await import("./helpers.ts");
    const s = mk();
    expect((await s.run("docker node ls")).stderr).toBe(
      'Error response from daemon: This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.\n',
    );
    await init(s, "docker swarm init");
    const id = s.engine.swarm.nodeId!;
    expect((await s.run("docker node ls")).stdout).toBe(
      `ID                            HOSTNAME         STATUS    AVAILABILITY   MANAGER STATUS   ENGINE VERSION\n${id} *   docker-desktop   Ready     Active         Leader           28.0.1\n`,
    );
    const worker = await s.run("docker swarm join-token worker");
    expect(worker.stdout).toMatch(/^To add a worker to this swarm, run the following command:\n\n {4}docker swarm join --token SWMTKN-1-[0-9a-z]+-[0-9a-z]+ 192\.168\.65\.3:2377\n\n$/);
    const manager = (await s.run("docker swarm join-token -q manager")).stdout.trim();
    expect(manager).not.toBe((await s.run("docker swarm join-token -q worker")).stdout.trim());
    expect(manager.split("-")[2]).toBe(s.engine.swarm.joinToken.split("-")[2]);
  });
});

describe("docker service ls and ps: --filter, --format, --no-trunc, ordering", () => {
  it("filters and formats as docker/cli does, tasks by slot", async () => {
    const { session: mk, setup: init } = await import("./helpers.ts");
    const s = mk();
    await init(s, "docker swarm init", "docker service create -d --name web --replicas 2 nginx:1.27-alpine", "docker service create -d --name cache --label tier=back redis:7-alpine");
    expect((await s.run("docker service ls --format '{{.Name}} {{.Replicas}}'")).stdout).toBe("cache 1/1\nweb 2/2\n");
    expect((await s.run("docker service ls --filter label=tier=back --format '{{.Name}}'")).stdout).toBe("cache\n");
    expect((await s.run("docker service ls --filter name=we --format '{{.Name}}'")).stdout).toBe("web\n");
    expect((await s.run("docker service ls --filter bogus=1")).stderr).toBe("Error response from daemon: Invalid filter 'bogus'\n");
    expect((await s.run("docker service ps web --format '{{.Name}} {{.DesiredState}}'")).stdout).toBe("web.1 Running\nweb.2 Running\n");
    await init(s, "docker service update -d --env-add A=1 web");
    expect((await s.run("docker service ps web --format '{{.Name}}|{{.DesiredState}}'")).stdout).toBe("web.1|Running\n \\_ web.1|Shutdown\nweb.2|Running\n \\_ web.2|Shutdown\n");
    expect((await s.run("docker service ps web --filter desired-state=running --format '{{.Name}}'")).stdout).toBe("web.1\nweb.2\n");
    const full = (await s.run("docker service ps web --no-trunc --format '{{.ID}} {{.Image}}'")).stdout.split("\n")[0]!;
    expect(full).toMatch(/^[0-9a-z]{25} nginx:1\.27-alpine@sha256:[0-9a-f]{64}$/);
  });
});
