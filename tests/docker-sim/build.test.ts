import { describe, expect, it } from "vitest";
import { layerFiles } from "../../src/docker-sim/index.ts";
import { session, setup, type Session } from "./helpers.ts";

const TOKEN = "npm_FAKE0123456789abcdefFAKE";
const PACKAGE_JSON = `{"name":"app","dependencies":{"@acme/ui":"1.0.0","express":"4.21.0"}}`;

const NPMRC = "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n";

/** A project; the .npmrc (npm's only source for a token) is written when the Dockerfile copies one. */
async function project(s: Session, dockerfile: string): Promise<void> {
  s.engine.host.writeFile("/home/learner/app/package.json", PACKAGE_JSON);
  if (dockerfile.includes(".npmrc ./")) s.engine.host.writeFile("/home/learner/app/.npmrc", NPMRC);
  s.engine.host.writeFile("/home/learner/app/app.js", "console.log('hi')\n");
  s.engine.host.writeFile("/home/learner/app/Dockerfile", dockerfile);
}

const ARG_DOCKERFILE = `FROM node:22-alpine
ARG NPM_TOKEN
WORKDIR /app
COPY package.json ./
RUN echo "//registry.npmjs.org/:_authToken=\${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc
COPY app.js ./
CMD ["node", "app.js"]
`;

const SECRET_DOCKERFILE = `# syntax=docker/dockerfile:1
FROM node:22-alpine
WORKDIR /app
COPY package.json .npmrc ./
RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN,required=true npm ci
COPY app.js ./
CMD ["node", "app.js"]
`;

describe("ARG leaks, secret mounts do not", () => {
  it("a build arg is recorded in docker history --no-trunc", async () => {
    const s = session();
    await project(s, ARG_DOCKERFILE);
    const build = await s.run(`docker build -t leaky --build-arg NPM_TOKEN=${TOKEN} .`);
    expect(build.exitCode).toBe(0);
    expect(build.stdout).toBe("");
    expect(build.stderr).toContain("#10 naming to docker.io/library/leaky:latest done\n");
    expect(build.stderr.endsWith(
      '\n 1 warning found (use docker --debug to expand):\n - SecretsUsedInArgOrEnv: Do not use ARG or ENV instructions for sensitive data (ARG "NPM_TOKEN") (line 2)\n',
    )).toBe(true);
    const history = await s.run("docker history --no-trunc --format '{{.CreatedBy}}' leaky");
    expect(history.stdout.split("\n").slice(0, 6)).toEqual([
      'CMD ["node" "app.js"]',
      "COPY app.js ./ # buildkit",
      `RUN |1 NPM_TOKEN=${TOKEN} /bin/sh -c echo "//registry.npmjs.org/:_authToken=\${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc # buildkit`,
      "COPY package.json ./ # buildkit",
      "WORKDIR /app",
      `ARG NPM_TOKEN=${TOKEN}`,
    ]);
  });

  it("the default history table truncates CREATED BY to 45 characters", async () => {
    const s = session();
    await project(s, ARG_DOCKERFILE);
    await setup(s, `docker build -t leaky --build-arg NPM_TOKEN=${TOKEN} .`);
    const id = (await s.run("docker images -q leaky")).stdout.trim();
    const r = await s.run("docker history leaky");
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("IMAGE          CREATED                  CREATED BY                                      SIZE      COMMENT");
    expect(lines[1]).toBe(`${id}   Less than a second ago   CMD ["node" "app.js"]                           0B        buildkit.dockerfile.v0`);
    expect(lines[3]).toBe(`<missing>      Less than a second ago   RUN |1 NPM_TOKEN=${TOKEN.slice(0, 27)}…   3.69MB    buildkit.dockerfile.v0`);
  });

  it("a secret mount leaves no trace in history, config or layers", async () => {
    const s = session({ NPM_TOKEN: TOKEN });
    await project(s, SECRET_DOCKERFILE);
    const build = await s.run("docker build -t safe --secret id=npm_token,env=NPM_TOKEN .");
    expect(build.exitCode).toBe(0);
    expect(build.stderr).toContain("#8 [4/5] RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN,required=true npm ci\n");
    expect(build.stderr).not.toContain("warning");
    const history = await s.run("docker history --no-trunc safe");
    expect(history.stdout).not.toContain(TOKEN);
    expect(history.stdout).toContain("RUN /bin/sh -c npm ci # buildkit");
    expect((await s.run("docker image inspect safe")).stdout).not.toContain(TOKEN);
    const image = s.engine.images.get("safe");
    for (const layer of image.layers) for (const content of layerFiles(layer).values()) expect(content).not.toContain(TOKEN);
    // ...but npm did get its token, from the secret.
    expect(s.engine.lastBuild?.npmInstalls).toEqual([{ command: "npm ci", cwd: "/app", tokenSource: "env", token: TOKEN, ok: true }]);
  });

  it("the default secret target is /run/secrets/<id>, mode 0400", async () => {
    const s = session();
    await project(s, `FROM alpine:3.20\nRUN --mount=type=secret,id=api_key stat -c '%a %U' /run/secrets/api_key && cat /run/secrets/api_key\n`);
    await setup(s, "printf 'sk_test_51Fake' > api_key.txt");
    const r = await s.run("docker build --no-cache --secret id=api_key,src=api_key.txt .");
    expect(r.stderr).toContain("#5 0.312 400 root\n#5 0.316 sk_test_51Fake\n");
  });

  it("a missing required secret fails the build with BuildKit's message", async () => {
    const s = session();
    await project(s, SECRET_DOCKERFILE);
    const r = await s.run("docker build -t safe .");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("#8 ERROR: secret npm_token: not found\n");
    expect(r.stderr.endsWith(
      [
        "------",
        " > [4/5] RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN,required=true npm ci:",
        "------",
        "Dockerfile:5",
        "--------------------",
        "   3 |     WORKDIR /app",
        "   4 |     COPY package.json .npmrc ./",
        "   5 | >>> RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN,required=true npm ci",
        "   6 |     COPY app.js ./",
        '   7 |     CMD ["node", "app.js"]',
        "--------------------",
        "ERROR: failed to build: failed to solve: secret npm_token: not found",
        "",
      ].join("\n"),
    )).toBe(true);
    expect((await s.run("docker images -q safe")).stdout).toBe("");
  });

  it("without the token npm fails with E401 and the RUN step fails the build", async () => {
    const s = session();
    await project(s, SECRET_DOCKERFILE.replace(",required=true", ""));
    const r = await s.run("docker build -t safe .");
    expect(r.exitCode).toBe(1);
    // The skipped mount leaves NPM_TOKEN undefined; npm 10 keeps "${NPM_TOKEN}" as the token and the registry refuses it.
    expect(r.stderr).toContain("#8 0.312 npm error code E401\n#8 0.316 npm error Unable to authenticate, your authentication token seems to be invalid.\n");
    expect(r.stderr).toContain('ERROR: failed to build: failed to solve: process "/bin/sh -c npm ci" did not complete successfully: exit code: 1\n');
  });

  it("a file deleted by a later RUN still sits in an earlier layer", async () => {
    const s = session();
    await project(s, `FROM alpine:3.20\nARG NPM_TOKEN\nRUN echo "_authToken=$NPM_TOKEN" > /root/.npmrc\nRUN rm /root/.npmrc\n`);
    await setup(s, `docker build -t layered --build-arg NPM_TOKEN=${TOKEN} .`);
    const r = await s.run("docker run --rm layered cat /root/.npmrc");
    expect(r).toEqual({ stdout: "", stderr: "cat: can't open '/root/.npmrc': No such file or directory\n", exitCode: 1 });
    const leaked = s.engine.images.get("layered").layers.map(layerFiles).find((files) => files.has("/root/.npmrc"));
    expect(leaked?.get("/root/.npmrc")).toBe(`_authToken=${TOKEN}\n`);
  });

  it("ENV values land in the image config and every container", async () => {
    const s = session();
    await project(s, `FROM alpine:3.20\nENV API_KEY=sk_test_51FakeBaked\n`);
    const build = await s.run("docker build -t baked .");
    expect(build.stderr).toContain('SecretsUsedInArgOrEnv: Do not use ARG or ENV instructions for sensitive data (ENV "API_KEY") (line 2)');
    expect((await s.run("docker image inspect -f '{{json .Config.Env}}' baked")).stdout).toBe(
      '["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","API_KEY=sk_test_51FakeBaked"]\n',
    );
    expect((await s.run("docker history --no-trunc --format '{{.CreatedBy}}' baked")).stdout.split("\n")[0]).toBe("ENV API_KEY=sk_test_51FakeBaked");
  });

  it("changing a secret's value does not invalidate the cache", async () => {
    const s = session();
    await project(s, SECRET_DOCKERFILE);
    await setup(s, "export NPM_TOKEN=npm_FAKE_one", "docker build -t safe --secret id=npm_token,env=NPM_TOKEN .");
    const first = (await s.run("docker images -q safe")).stdout;
    await setup(s, "export NPM_TOKEN=npm_FAKE_two");
    const again = await s.run("docker build -t safe --secret id=npm_token,env=NPM_TOKEN .");
    expect(again.stderr).toContain("#8 [4/5] RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN,required=true npm ci\n#8 CACHED\n");
    expect((await s.run("docker images -q safe")).stdout).toBe(first);
  });

  it("COPY . . copies .env unless .dockerignore excludes it", async () => {
    const s = session();
    await project(s, "FROM alpine:3.20\nWORKDIR /app\nCOPY . .\n");
    await setup(s, "echo 'API_KEY=sk_test_51FakeDotenv' > .env", "docker build -t withenv .");
    expect((await s.run("docker run --rm withenv cat /app/.env")).stdout).toBe("API_KEY=sk_test_51FakeDotenv\n");
    await setup(s, "printf '.env\\n' > .dockerignore", "docker build -t noenv .");
    expect((await s.run("docker run --rm noenv ls -a /app")).stdout).not.toContain(".env\n");
  });

  it("multi-stage: the final image has no trace of the builder's token", async () => {
    const s = session();
    await project(
      s,
      `FROM node:22-alpine AS build\nARG NPM_TOKEN\nWORKDIR /app\nCOPY package.json ./\nRUN echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > .npmrc && npm ci\n\nFROM node:22-alpine\nWORKDIR /app\nCOPY --from=build /app/node_modules ./node_modules\nCMD ["node", "app.js"]\n`,
    );
    await setup(s, `docker build -t multi --build-arg NPM_TOKEN=${TOKEN} .`);
    expect((await s.run("docker history --no-trunc multi")).stdout).not.toContain(TOKEN);
    expect((await s.run("docker run --rm multi ls /app/node_modules")).stdout).toBe("@acme\nexpress\n");
  });
});

describe("Dockerfile errors", () => {
  it("an unknown instruction names the line", async () => {
    const s = session();
    await project(s, "FROM alpine:3.20\n\nRUNN echo hi\n");
    const r = await s.run("docker build .");
    expect(r.exitCode).toBe(1);
    expect(r.stderr.endsWith(
      "Dockerfile:3\n--------------------\n   1 |     FROM alpine:3.20\n   2 |\n   3 | >>> RUNN echo hi\n   4 |\n--------------------\nERROR: failed to build: failed to solve: dockerfile parse error on line 3: unknown instruction: RUNN (did you mean RUN?)\n",
    )).toBe(true);
  });

  it("an unknown secret mount key names the line", async () => {
    const s = session();
    await project(s, "FROM alpine:3.20\nRUN --mount=type=secret,id=x,colour=red true\n");
    const r = await s.run("docker build .");
    expect(r.stderr).toContain("ERROR: failed to build: failed to solve: dockerfile parse error on line 2: unexpected key 'colour' in 'colour=red'\n");
  });

  it("a missing Dockerfile or secret source", async () => {
    const s = session();
    expect(await s.run("docker build .")).toEqual({ stdout: "", stderr: "ERROR: failed to build: failed to solve: failed to read dockerfile: open Dockerfile: no such file or directory\n", exitCode: 1 });
    await project(s, "FROM alpine:3.20\n");
    expect(await s.run("docker build --secret id=aws,src=creds.txt .")).toEqual({
      stdout: "",
      stderr: "ERROR: failed to build: failed to stat creds.txt: stat creds.txt: no such file or directory\n",
      exitCode: 1,
    });
  });
});

describe("COPY of dotfiles", () => {
  it("copies .npmrc into the image (a leading dot is part of the name, not ./)", async () => {
    const s = session();
    s.engine.host.writeFile("/home/learner/app/package.json", PACKAGE_JSON);
    s.engine.host.writeFile("/home/learner/app/.npmrc", "//registry.example/:_authToken=${NPM_TOKEN}\n");
    s.engine.host.writeFile("/home/learner/app/Dockerfile", "FROM node:22-alpine\nWORKDIR /app\nCOPY package.json .npmrc ./\n");
    const build = await s.run("docker build -t dots .");
    expect(build.exitCode, build.stderr).toBe(0);
    await s.run("docker run -d --name dots dots sleep infinity");
    const cat = await s.run("docker exec dots cat /app/.npmrc");
    expect(cat.stdout).toBe("//registry.example/:_authToken=${NPM_TOKEN}\n");
  });
});

describe("npm reads its token from the environment, never from /run/secrets by itself", () => {
  const FILE_MOUNT = (run: string): string => `# syntax=docker/dockerfile:1\nFROM node:22-alpine\nWORKDIR /app\nCOPY package.json .npmrc ./\nRUN --mount=type=secret,id=npm_token,required=true ${run}\n`;

  async function withNpmrc(s: Session, dockerfile: string): Promise<void> {
    await project(s, dockerfile);
    s.engine.host.writeFile("/home/learner/app/.npmrc", "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n");
    s.engine.host.writeFile("/home/learner/app/npm_token.txt", TOKEN);
  }

  it("a secret mounted only as a file leaves npm without a token", async () => {
    const s = session();
    await withNpmrc(s, FILE_MOUNT("npm ci"));
    const r = await s.run("docker build --secret id=npm_token,src=npm_token.txt .");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("#8 0.312 npm error code E401\n");
    expect(s.engine.lastBuild?.secretsMounted).toEqual(["npm_token"]);
  });

  it("the step can read the file into the variable .npmrc names", async () => {
    const s = session();
    await withNpmrc(s, FILE_MOUNT('NPM_TOKEN="$(cat /run/secrets/npm_token)" npm ci'));
    const r = await s.run("docker build --secret id=npm_token,src=npm_token.txt .");
    expect(r.exitCode, r.stderr).toBe(0);
    expect(s.engine.lastBuild?.npmInstalls).toEqual([{ command: "npm ci", cwd: "/app", tokenSource: "env", token: TOKEN, ok: true }]);
  });

  it("env=NPM_TOKEN on the mount works with a file source too", async () => {
    const s = session();
    await withNpmrc(s, FILE_MOUNT("npm ci").replace("required=true", "env=NPM_TOKEN,required=true"));
    const r = await s.run("docker build --secret id=npm_token,src=npm_token.txt .");
    expect(r.exitCode, r.stderr).toBe(0);
    expect(s.engine.lastBuild?.npmInstalls[0]?.tokenSource).toBe("env");
  });
});

describe("COPY --chown", () => {
  async function copyAs(chown: string): Promise<{ ls: string; build: string }> {
    const s = session();
    s.engine.host.writeFile("/home/learner/app/f.txt", "x\n");
    s.engine.host.writeFile("/home/learner/app/Dockerfile", `FROM alpine:3.20\nCOPY --chown=${chown} f.txt /f.txt\n`);
    const build = await s.run("docker build -t owned .");
    const ls = await s.run("docker run --rm owned ls -l /f.txt");
    return { ls: ls.stdout, build: build.stderr };
  }

  it("looks the group up in the image's /etc/group, not in passwd", async () => {
    // Alpine has a www-data group (82) but no www-data user: a passwd lookup would find nothing.
    expect((await copyAs("nobody:www-data")).ls).toMatch(/^-rw-r--r-- +1 nobody +www-data /);
  });

  it("a user alone takes the user's primary group; numbers are taken as they are", async () => {
    expect((await copyAs("daemon")).ls).toMatch(/^-rw-r--r-- +1 daemon +daemon /);
    expect((await copyAs("1234:5678")).ls).toMatch(/^-rw-r--r-- +1 1234 +5678 /);
  });

  it("an unknown group fails the build", async () => {
    expect((await copyAs("nobody:nosuchgroup")).build).toContain("can't find gid for group nosuchgroup");
  });
});
