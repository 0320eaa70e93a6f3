/**
 * docker config, the service flags of the docs' examples (--config, --network, --mode, --mount,
 * --hostname, --update-*), service scale and rollback, secret ls --filter: wording and columns
 * from docker/cli (cli/command/config, cli/command/service) and moby.
 */
import { describe, expect, it } from "vitest";
import { session, setup } from "./helpers.ts";

const swarm = async () => {
  const s = session();
  await setup(s, "docker swarm init");
  return s;
};

describe("docker config", () => {
  it("create prints the id; ls has ID NAME CREATED UPDATED; inspect carries Spec.Data base64; rm", async () => {
    const s = await swarm();
    const id = (await s.run("echo 'This is a config' | docker config create my-config -")).stdout.trim();
    expect(id).toMatch(/^[a-z0-9]{25}$/);
    const ls = (await s.run("docker config ls")).stdout.split("\n");
    expect(ls[0]).toMatch(/^ID\s+NAME\s+CREATED\s+UPDATED$/);
    expect(ls[1]).toMatch(new RegExp(`^${id}\\s+my-config\\s+Less than a second ago\\s+Less than a second ago$`));
    const doc = JSON.parse((await s.run("docker config inspect my-config")).stdout)[0];
    expect(doc).toMatchObject({ ID: id, Spec: { Name: "my-config", Labels: {}, Data: btoa("This is a config\n") } });
    const pretty = (await s.run("docker config inspect --pretty my-config")).stdout;
    expect(pretty).toBe(`ID:\t\t\t${id}\nName:\t\t\tmy-config\nCreated at:            \t2025-01-15 09:30:00 +0000 UTC\nUpdated at:            \t2025-01-15 09:30:00 +0000 UTC\nData:\nThis is a config\n\n`);
    expect((await s.run("docker config create my-config /etc/passwd")).stderr).toBe("Error response from daemon: rpc error: code = AlreadyExists desc = config my-config already exists\n");
    expect(await s.run("docker config rm my-config")).toEqual({ stdout: "my-config\n", stderr: "", exitCode: 0 });
    expect((await s.run("docker config inspect my-config")).stderr).toBe("Error response from daemon: config my-config not found\n");
  });

  it("--config mounts at /<name> 0444 by default, and source/target/mode as given; in use cannot be removed", async () => {
    const s = await swarm();
    await setup(s, "printf 'server {}' | docker config create nginx_conf -", "docker service create --name web --config nginx_conf --config source=nginx_conf,target=/etc/nginx/conf.d/site.conf,mode=0440 nginx:1.27-alpine");
    const ctr = "$(docker ps -q --filter name=web)";
    expect((await s.run(`docker exec ${ctr} cat /nginx_conf`)).stdout).toBe("server {}");
    expect((await s.run(`docker exec ${ctr} stat -c '%a %U' /nginx_conf /etc/nginx/conf.d/site.conf`)).stdout).toBe("444 root\n440 root\n");
    const refs = JSON.parse((await s.run("docker service inspect -f '{{json .Spec.TaskTemplate.ContainerSpec.Configs}}' web")).stdout);
    expect(refs.map((r: { File: { Name: string; Mode: number } }) => [r.File.Name, r.File.Mode])).toEqual([["/nginx_conf", 0o444], ["/etc/nginx/conf.d/site.conf", 0o440]]);
    expect((await s.run("docker config rm nginx_conf")).stderr).toBe("Error response from daemon: rpc error: code = InvalidArgument desc = config 'nginx_conf' is in use by the following service: web\n");
    expect(await s.run("docker service create --config nope alpine:3.20")).toMatchObject({ stderr: "config not found: nope\n", exitCode: 1 });
  });
});

describe("docker service flags from the reference", () => {
  it("--mode global, --network (overlay only), --hostname, --mount, --update-*", async () => {
    const s = await swarm();
    await setup(s, "docker network create -d overlay my-network", "docker network create plain");
    expect((await s.run("docker service create --network plain alpine:3.20 sleep 1d")).stderr).toBe(
      "Error response from daemon: The network plain cannot be used with services. Only networks scoped to the swarm can be used, such as those created with the overlay driver.\n",
    );
    await setup(s, "docker service create --name redis --mode global --network my-network --hostname cache --mount type=tmpfs,target=/cache,tmpfs-mode=1770 --update-delay 10s --update-parallelism 2 redis:7-alpine");
    expect((await s.run("docker service ls --format '{{.Name}} {{.Mode}} {{.Replicas}}'")).stdout).toBe("redis global 1/1\n");
    const spec = JSON.parse((await s.run("docker service inspect -f '{{json .Spec}}' redis")).stdout);
    expect(spec.Mode).toEqual({ Global: {} });
    expect(spec.UpdateConfig).toMatchObject({ Parallelism: 2, Delay: 10_000_000_000 });
    expect(spec.TaskTemplate.ContainerSpec.Hostname).toBe("cache");
    expect(spec.TaskTemplate.Networks).toHaveLength(1);
    const ctr = "$(docker ps -q --filter name=redis)";
    expect((await s.run(`docker exec ${ctr} hostname`)).stdout).toBe("cache\n");
    expect((await s.run(`docker exec ${ctr} stat -c '%a' /cache`)).stdout).toBe("1770\n");
    expect((await s.run(`docker inspect -f '{{.HostConfig.NetworkMode}}' ${ctr}`)).stdout).toMatch(/^[a-z0-9]{25}\n$/);
    expect((await s.run("docker service inspect --pretty redis")).stdout).toContain("Service Mode:\tGlobal\nUpdateConfig:\n Parallelism:\t2\n Delay:\t\t10s\n");
    expect((await s.run("docker service scale redis=3")).stderr).toBe("redis: scale can only be used with replicated or replicated-job mode\n");
    expect((await s.run("docker service create --update-delay soon alpine:3.20")).stderr).toMatch(/^invalid argument "soon" for "--update-delay" flag: time: invalid duration "soon"\n\nUsage:/);
    expect((await s.run("docker service create --mode daemon alpine:3.20")).stderr).toBe("unknown mode: daemon, only replicated and global supported\n");
  });

  it("scale keeps the running tasks and adds slots; a bad specifier is refused before anything runs", async () => {
    const s = await swarm();
    await setup(s, "docker service create --name web --replicas 1 nginx:1.27-alpine");
    const first = (await s.run("docker service ps -q web")).stdout;
    const r = await s.run("docker service scale web=3");
    expect(r.stdout).toBe("web scaled to 3\noverall progress: 3 out of 3 tasks\n1/3: running   [==================================================>]\n2/3: running   [==================================================>]\n3/3: running   [==================================================>]\nverify: Service converged\n");
    expect((await s.run("docker service ls --format '{{.Replicas}}'")).stdout).toBe("3/3\n");
    expect((await s.run("docker service ps -q --filter name=web.1 web")).stdout).toBe(first);
    expect(await s.run("docker service scale web")).toEqual({
      stdout: "",
      stderr: "invalid scale specifier 'web'.\nSee 'docker service scale --help'.\n\nUsage:  docker service scale SERVICE=REPLICAS [SERVICE=REPLICAS...]\n\nScale one or multiple replicated services\n",
      exitCode: 1,
    });
    expect((await s.run("docker service scale nope=2")).stderr).toBe("nope: Error response from daemon: service nope not found\n");
    await setup(s, "docker service scale web=1");
    expect((await s.run("docker ps -q --filter name=web | wc -l")).stdout.trim()).toBe("1");
  });

  it("rollback restores the previous spec; without one the daemon refuses", async () => {
    const s = await swarm();
    await setup(s, "docker service create --name web -e LEVEL=1 nginx:1.27-alpine");
    expect((await s.run("docker service rollback web")).stderr).toBe("Error response from daemon: service does not have a previous spec\n");
    await setup(s, "docker service update --env-add LEVEL=2 web");
    const r = await s.run("docker service rollback web");
    expect(r.stdout).toBe("web\nrollback: manually requested rollback\noverall progress: rolling back update: 1 out of 1 tasks\n1/1: running   [>                                                  ]\nverify: Service converged\n");
    expect((await s.run("docker service inspect -f '{{.Spec.TaskTemplate.ContainerSpec.Env}}' web")).stdout).toBe("[LEVEL=1]\n");
  });

  it("secret ls --filter filters: name prefix, id prefix, label, names exact; same key ORs", async () => {
    const s = await swarm();
    await setup(s, "printf a | docker secret create db_password -l env=prod -", "printf b | docker secret create db_user -", "printf c | docker secret create api_key -l env=dev -");
    const names = async (f: string) => (await s.run(`docker secret ls ${f} --format '{{.Name}}'`)).stdout;
    expect(await names("--filter name=db_")).toBe("db_password\ndb_user\n");
    expect(await names("-f name=api -f name=db_u")).toBe("api_key\ndb_user\n");
    expect(await names("-f label=env")).toBe("api_key\ndb_password\n");
    expect(await names("-f label=env=prod")).toBe("db_password\n");
    expect(await names("-f names=db")).toBe("");
    const id = (await s.run("docker secret inspect -f '{{.ID}}' db_user")).stdout.trim();
    expect(await names(`-f id=${id.slice(0, 5)}`)).toBe("db_user\n");
    expect((await s.run("docker secret ls -f color=red")).stderr).toBe("Error response from daemon: Invalid filter 'color'\n");
  });
});
