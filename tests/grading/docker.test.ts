/**
 * "Fix a Dockerfile that passes an npm token as ARG": graded through a Docker host (a fake one here,
 * see fake-docker.ts): the image builds, no ARG/ENV looks like a secret, and the token is in neither
 * `docker history` nor the image config.
 */
import { describe, expect, test } from "vitest";
import type { ExerciseScenarioInput } from "../../src/schemas/exercise-scenario.ts";
import { createFakeDockerHost } from "./fake-docker.ts";
import { check, createGrader } from "./fixtures.ts";

const { grade } = createGrader({ createDockerHost: createFakeDockerHost });

const STARTER = `FROM node:22-alpine
WORKDIR /app
ARG NPM_TOKEN
RUN echo "//registry.npmjs.org/:_authToken=\${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc
COPY . .
CMD ["node", "index.js"]
`;
const SOLUTION = `FROM node:22-alpine
WORKDIR /app
RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci
COPY . .
CMD ["node", "index.js"]
`;

const dockerScenario = {
  starterFiles: { Dockerfile: STARTER },
  solutionFiles: { Dockerfile: SOLUTION },
  secrets: [{ name: "npm_token", kind: "token", prefix: "npm_", length: 36, label: "the npm token", shownValue: "npm_FakeTokenForSecretsLab000000000000000000" }],
  docker: {
    setup: ["docker build --build-arg NPM_TOKEN={{secret:npm_token}} --secret id=npm_token,env=NPM_TOKEN -t registry.example/app ."],
    inspect: { images: ["registry.example/app"] },
  },
  checks: [
    { id: "builds", kind: "image-builds", tag: "registry.example/app" },
    { id: "no-arg", kind: "dockerfile-no-secret-in-arg-env" },
    { id: "no-leak", kind: "no-leak", secret: "npm_token", surfaces: ["docker-history", "docker-inspect", "docker-output"] },
  ],
} satisfies ExerciseScenarioInput;

describe("an npm token in a Dockerfile", () => {
  test("the solution (RUN --mount=type=secret) passes", async () => {
    const report = await grade(dockerScenario, { Dockerfile: SOLUTION });
    expect(report.checks.filter((c) => !c.passed)).toEqual([]);
    expect(report.run).toBeUndefined();
    expect(report.docker?.[0]).toMatchObject({ command: dockerScenario.docker.setup[0], exitCode: 0 });
  });

  test("the starter fails the static check at its line and leaks into docker history", async () => {
    const report = await grade(dockerScenario, { Dockerfile: STARTER });
    expect(check(report, "builds").passed).toBe(true);
    expect(check(report, "no-arg")).toMatchObject({ passed: false, leak: { line: { file: "Dockerfile", line: 3 }, excerpt: "ARG NPM_TOKEN" } });
    expect(check(report, "no-arg").actual).toBe("Dockerfile:3 declares ARG NPM_TOKEN: its value is saved in the image, where docker history and docker inspect show it to anyone who pulls it.");
    expect(check(report, "no-leak").leak).toMatchObject({ surface: "docker-history", form: "raw", location: "docker history of registry.example/app" });
    expect(check(report, "no-leak").leak?.excerpt).toContain("RUN |1 NPM_TOKEN=‹npm_token› /bin/sh -c");
  });

  test("ENV copying the argument leaks into the image config too", async () => {
    const leaky = SOLUTION.replace("WORKDIR /app", "WORKDIR /app\nARG NPM_TOKEN\nENV NPM_CONFIG_TOKEN=${NPM_TOKEN}");
    const report = await grade(dockerScenario, { Dockerfile: leaky });
    expect(check(report, "no-leak").leaks?.map((l) => l.surface)).toContain("docker-inspect");
    expect(check(report, "no-arg").leaks?.map((l) => l.excerpt)).toEqual(["ARG NPM_TOKEN", "ENV NPM_CONFIG_TOKEN=${NPM_TOKEN}"]);
  });

  test("a missing Dockerfile fails the build check with docker's own error", async () => {
    const report = await grade(dockerScenario, { "index.js": "" });
    expect(check(report, "builds").actual).toMatch(/failed \(exit code 1\): ERROR: failed to solve: failed to read dockerfile/);
    expect(check(report, "no-arg").actual).toBe("There is no Dockerfile in your files.");
  });

  test("without a Docker host in the deps, the Docker provider grades on the simulator", async () => {
    const { grade: gradeWithoutDocker } = createGrader();
    const report = await gradeWithoutDocker(dockerScenario, { Dockerfile: SOLUTION });
    // The setup ran on docker-sim (a real Docker engine model, not this file's fake host).
    expect(report.docker?.[0]?.command).toBe(dockerScenario.docker.setup[0]);
    expect(report.checks.map((c) => c.kind)).toContain("image-builds");
  });
});
