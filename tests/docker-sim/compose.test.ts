import { describe, expect, it } from "vitest";
import { session, setup, type Session } from "./helpers.ts";

const COMPOSE = `services:
  web:
    image: nginx:1.27-alpine
    environment:
      - API_KEY=\${API_KEY}
      - LOG_LEVEL
    secrets:
      - db_password
      - source: api_token
        target: token
        uid: "1000"
        mode: 0400
secrets:
  db_password:
    file: ./secrets/db_password.txt
  api_token:
    environment: API_TOKEN
`;

async function project(s: Session): Promise<void> {
  await setup(s, "mkdir -p secrets && printf 'pg_FAKE_compose' > secrets/db_password.txt");
  s.engine.host.writeFile("/home/learner/app/compose.yaml", COMPOSE);
}

describe("docker compose", () => {
  it("config interpolates the environment: values show up in plain text", async () => {
    const s = session({ API_KEY: "sk_test_51FakeCompose", LOG_LEVEL: "debug", API_TOKEN: "tok_FAKE" });
    await project(s);
    const r = await s.run("docker compose config");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(
      `name: app
services:
  web:
    environment:
      API_KEY: sk_test_51FakeCompose
      LOG_LEVEL: debug
    image: nginx:1.27-alpine
    networks:
      default: null
    secrets:
      - source: db_password
      - source: api_token
        target: token
        uid: '1000'
        mode: '0400'
networks:
  default:
    name: app_default
secrets:
  db_password:
    name: app_db_password
    file: /home/learner/app/secrets/db_password.txt
  api_token:
    name: app_api_token
    environment: API_TOKEN
`,
    );
  });

  it("up -d: a file secret is a read-only bind mount, uid/gid/mode not applied", async () => {
    const s = session({ API_KEY: "sk_test_51FakeCompose", API_TOKEN: "tok_FAKE" });
    await project(s);
    const up = await s.run("docker compose up -d");
    expect(up).toEqual({
      stdout: "",
      stderr:
        " Network app_default  Creating\n Network app_default  Created\n Container app-web-1  Creating\n Container app-web-1  Created\n Container app-web-1  Starting\n Container app-web-1  Started\n",
      exitCode: 0,
    });
    expect((await s.run("docker compose exec web cat /run/secrets/db_password")).stdout).toBe("pg_FAKE_compose");
    expect((await s.run("docker inspect -f '{{json .Mounts}}' app-web-1")).stdout).toBe(
      '[{"Type":"bind","Source":"/home/learner/app/secrets/db_password.txt","Destination":"/run/secrets/db_password","Mode":"","RW":false,"Propagation":"rprivate"}]\n',
    );
    expect((await s.run("docker compose exec web cat /run/secrets/token")).stdout).toBe("tok_FAKE");
    expect((await s.run("docker exec app-web-1 printenv API_KEY")).stdout).toBe("sk_test_51FakeCompose\n");
  });

  it("a file secret with uid/mode set warns they are ignored", async () => {
    const s = session();
    await setup(s, "mkdir -p secrets && printf 'x' > secrets/k.txt");
    s.engine.host.writeFile("/home/learner/app/compose.yaml", "services:\n  a:\n    image: alpine:3.20\n    command: sleep infinity\n    secrets:\n      - source: k\n        mode: 0400\nsecrets:\n  k:\n    file: ./secrets/k.txt\n");
    const up = await s.run("docker compose up -d");
    expect(up.stderr.split("\n")[0]).toBe("WARN[0000] secrets `uid`, `gid` and `mode` are not supported, they will be ignored");
    expect((await s.run("docker compose exec a stat -c %a /run/secrets/k")).stdout).toBe("644\n");
  });

  it("down removes the project's containers", async () => {
    const s = session({ API_TOKEN: "tok_FAKE" });
    await project(s);
    await setup(s, "docker compose up -d");
    const down = await s.run("docker compose down");
    expect(down.stderr).toBe(
      " Container app-web-1  Stopping\n Container app-web-1  Stopped\n Container app-web-1  Removing\n Container app-web-1  Removed\n Network app_default  Removing\n Network app_default  Removed\n",
    );
    expect((await s.run("docker ps -a -q")).stdout).toBe("");
  });

  it("errors: no file, undefined secret", async () => {
    const s = session();
    expect(await s.run("docker compose up -d")).toEqual({ stdout: "", stderr: "no configuration file provided: not found\n", exitCode: 1 });
    s.engine.host.writeFile("/home/learner/app/compose.yaml", "services:\n  a:\n    image: alpine:3.20\n    secrets: [nope]\n");
    expect((await s.run("docker compose config")).stderr).toBe('compose.yaml: service "a" refers to undefined secret nope: invalid compose project\n');
  });

  it("build secrets reach the build, not the image", async () => {
    const s = session({ NPM_TOKEN: "npm_FAKEcompose" });
    s.engine.host.writeFile("/home/learner/app/package.json", '{"dependencies":{"@acme/ui":"1.0.0"}}');
    s.engine.host.writeFile("/home/learner/app/.npmrc", "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n");
    s.engine.host.writeFile("/home/learner/app/Dockerfile", "FROM node:22-alpine\nWORKDIR /app\nCOPY package.json .npmrc ./\nRUN --mount=type=secret,id=npm_token,required=true NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci\n");
    s.engine.host.writeFile(
      "/home/learner/app/compose.yaml",
      "services:\n  app:\n    build:\n      context: .\n      secrets: [npm_token]\n    command: sleep infinity\nsecrets:\n  npm_token:\n    environment: NPM_TOKEN\n",
    );
    const up = await s.run("docker compose up -d");
    expect(up.exitCode).toBe(0);
    // The secret file is mounted; npm gets it through the variable the step sets from it.
    expect(s.engine.lastBuild?.npmInstalls[0]).toMatchObject({ tokenSource: "env", token: "npm_FAKEcompose", ok: true });
    expect((await s.run("docker history --no-trunc app-app")).stdout).not.toContain("npm_FAKEcompose");
  });
});
