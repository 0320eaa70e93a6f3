/**
 * docker stack deploy|ls|services|ps|rm with compose files (the loader `docker compose` uses) and
 * external secrets; lines as docker/cli's cli/command/stack prints them.
 */
import { describe, expect, it } from "vitest";
import { session, setup } from "./helpers.ts";

const COMPOSE = `services:
  db:
    image: mysql:latest
    environment:
      MYSQL_ROOT_PASSWORD_FILE: /run/secrets/db_root_password
    secrets:
      - db_root_password
      - db_password
  web:
    image: nginx:1.27-alpine
    deploy:
      replicas: 2
    secrets:
      - source: db_password
        target: /etc/app/db_password
        mode: 0400
secrets:
  db_password:
    file: db_password.txt
  db_root_password:
    external: true
`;

describe("docker stack", () => {
  it("deploy needs a swarm and a compose file", async () => {
    const s = session();
    expect(await s.run("docker stack deploy app")).toMatchObject({ stderr: "specify a Compose file (with --compose-file)\n", exitCode: 1 });
    await setup(s, `printf '%s' '${COMPOSE}' > compose.yaml`);
    const r = await s.run("docker stack deploy -c compose.yaml app");
    expect(r.exitCode).toBe(1);
    expect(r.stderr.split("\n").at(-2)).toBe('this node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again');
  });

  it("an external secret that does not exist stops the deploy before any service", async () => {
    const s = session();
    await setup(s, "docker swarm init", `printf '%s' '${COMPOSE}' > compose.yaml`, "printf 'pw' > db_password.txt");
    const r = await s.run("docker stack deploy -c compose.yaml app");
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe("Creating network app_default\nCreating secret app_db_password\n");
    expect(r.stderr).toBe("Since --detach=false was not specified, tasks will be created in the background.\nIn a future release, --detach=false will become the default.\nservice db: secret not found: db_root_password\n");
    expect((await s.run("docker service ls -q")).stdout).toBe("");
  });

  it("deploys networks, secrets and services named <stack>_<name>; ls, services, ps; rm removes them all but the external secret", async () => {
    const s = session();
    await setup(s, "docker swarm init", `printf '%s' '${COMPOSE}' > compose.yaml`, "printf 'pw' > db_password.txt", "printf 'root' | docker secret create db_root_password -");
    const r = await s.run("docker stack deploy --detach=true -c compose.yaml app");
    expect(r).toEqual({ stdout: "Creating network app_default\nCreating secret app_db_password\nCreating service app_db\nCreating service app_web\n", stderr: "", exitCode: 0 });
    expect((await s.run("docker stack ls")).stdout).toBe("NAME      SERVICES\napp       2\n");
    expect((await s.run("docker stack services app --format '{{.Name}} {{.Mode}} {{.Replicas}} {{.Image}}'")).stdout).toBe("app_db replicated 1/1 mysql:latest\napp_web replicated 2/2 nginx:1.27-alpine\n");
    expect((await s.run("docker stack ps app --format '{{.Name}} {{.DesiredState}}'")).stdout).toBe("app_db.1 Running\napp_web.1 Running\napp_web.2 Running\n");
    // The secret's target: /run/secrets/<key> by default, the long syntax's path and mode otherwise.
    const web = "$(docker ps -q --filter name=app_web.1)";
    expect((await s.run(`docker exec ${web} stat -c '%a' /etc/app/db_password`)).stdout).toBe("400\n");
    expect((await s.run(`docker exec ${web} cat /etc/app/db_password`)).stdout).toBe("pw");
    expect((await s.run("docker exec $(docker ps -q --filter name=app_db) cat /run/secrets/db_root_password")).stdout).toBe("root");
    expect((await s.run("docker network ls --filter name=app_ --format '{{.Name}} {{.Driver}} {{.Scope}}'")).stdout).toBe("app_default overlay swarm\n");
    // Deploying again updates in place.
    expect((await s.run("docker stack deploy -d -c compose.yaml app")).stdout).toMatch(/^Updating service app_db \(id: [a-z0-9]{25}\)\nUpdating service app_web \(id: [a-z0-9]{25}\)\n$/);
    expect(await s.run("docker stack rm app")).toEqual({ stdout: "Removing service app_db\nRemoving service app_web\nRemoving secret app_db_password\nRemoving network app_default\n", stderr: "", exitCode: 0 });
    expect((await s.run("docker secret ls --format '{{.Name}}'")).stdout).toBe("db_root_password\n");
    expect(await s.run("docker stack rm app")).toEqual({ stdout: "", stderr: "Nothing found in stack: app\n", exitCode: 0 });
    expect(await s.run("docker stack ps app")).toEqual({ stdout: "", stderr: "nothing found in stack: app\n", exitCode: 1 });
  });

  it("a service with build: and no image is refused; build alone is ignored with docker/cli's warning", async () => {
    const s = session();
    await setup(s, "docker swarm init", `printf 'services:\\n  app:\\n    build: .\\n' > compose.yaml`);
    expect((await s.run("docker stack deploy -d -c compose.yaml x")).stderr).toBe("Ignoring unsupported options: build\n\ninvalid image reference for service app: no image specified\n");
    expect((await s.run("docker --help")).stdout).toMatch(/\n  stack\s+Manage Swarm stacks\n/);
  });
});
