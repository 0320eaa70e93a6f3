/**
 * The `image-layers` leak surface: every file of every layer of every image the docker setup built,
 * read from the simulator's own layers. A token written in one layer and deleted in a later one is
 * gone from the final file system (docker run, docker history and the image config do not show it)
 * but still in the image: `docker save` gives anyone who can pull it every layer.
 */
import { afterAll, describe, expect, test } from "vitest";
import { createDockerSimHost } from "../../src/exercises/docker-sim-host";
import { gradeExercise, type GradeReport } from "../../src/grading/index";
import { SimulatedNetwork } from "../../src/runtime/index";
import { createNodeRuntime } from "../../src/runtime/node";
import type { ExerciseScenarioInput } from "../../src/schemas/exercise-scenario";
import { createFakeDockerHost } from "./fake-docker.ts";
import { check } from "./fixtures.ts";

const network = new SimulatedNetwork();
const runtime = createNodeRuntime({ network });
afterAll(() => runtime.dispose());
const deps = { runtime, network, createDockerHost: createDockerSimHost };

const PACKAGE_JSON = JSON.stringify({ name: "payments", version: "1.6.0", private: true, dependencies: { "@acme/payments-client": "2.3.1" } });
const NPMRC = "//registry.example/:_authToken=${NPM_TOKEN}\n@acme:registry=https://registry.example/\n";

function scenario(setup: string[]): ExerciseScenarioInput {
  return {
    starterFiles: { Dockerfile: "", "package.json": PACKAGE_JSON, ".npmrc": NPMRC },
    solutionFiles: { Dockerfile: "", "package.json": PACKAGE_JSON, ".npmrc": NPMRC },
    secrets: [{ name: "npm_token", kind: "token", prefix: "npm_", length: 32, label: "the npm token", shownValue: "npm_FAKE7rQ2xVb9LmT4kWd8Zs1Hc6Pn" }],
    docker: {
      setup: ["export NPM_TOKEN='{{secret:npm_token}}'", ...setup, "docker run --rm payments:1.6.0 ls -a /app"],
      inspect: { images: ["payments:1.6.0"] },
    },
    checks: [
      { id: "builds", kind: "image-builds", tag: "payments:1.6.0" },
      // What the grader read before this surface existed: none of it shows a deleted file.
      { id: "old-surfaces", kind: "no-leak", secret: "npm_token", surfaces: ["docker-history", "docker-inspect", "docker-output"] },
      { id: "layers", kind: "no-leak", secret: "npm_token", surfaces: ["image-layers"] },
      { id: "everywhere", kind: "no-leak", secret: "npm_token" },
    ],
  };
}

const BUILD = "docker build -t payments:1.6.0 --secret id=npm_token,env=NPM_TOKEN .";
const grade = (dockerfile: string, setup: string[] = [BUILD], files: Record<string, string> = {}): Promise<GradeReport> =>
  gradeExercise(scenario(setup), { Dockerfile: dockerfile, "package.json": PACKAGE_JSON, ".npmrc": NPMRC, ...files }, deps);

/** A RUN that writes the token from the secret mount into /app/.npmrc (a file of the layer). */
const WRITE_NPMRC = 'RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN printf \'//registry.example/:_authToken=%s\\n@acme:registry=https://registry.example/\\n\' "$NPM_TOKEN" > .npmrc';

const WRITE_THEN_RM = `FROM node:22-alpine
WORKDIR /app
COPY package.json ./
${WRITE_NPMRC} && npm ci
RUN rm .npmrc
CMD ["node", "main.js"]
`;

describe("the image-layers surface", () => {
  test("a token written to .npmrc in one RUN and deleted by a later RUN is found in its layer, with the step and the path", async () => {
    const report = await grade(WRITE_THEN_RM);
    expect(check(report, "builds").passed).toBe(true);
    // The final file system has no .npmrc, and history, config and output do not show the token...
    expect(report.docker?.at(-1)?.output).not.toContain(".npmrc");
    expect(check(report, "old-surfaces").passed).toBe(true);
    // ...but the layer of the first RUN still holds it.
    const layers = check(report, "layers");
    expect(layers.passed).toBe(false);
    expect(layers.leak).toMatchObject({
      surface: "image-layers",
      form: "raw",
      location: "layer 7 (RUN printf '//registry.example/:_authToken=%s\\n@acme:registr…) of payments:1.6.0: /app/.npmrc",
      excerpt: "//registry.example/:_authToken=‹npm_token›⏎@acme:registry=https://registry.example…",
    });
    expect(layers.actual).toContain("Layer 8 (RUN rm .npmrc) deletes /app/.npmrc, but deleting a file in a later layer does not remove it from the image");
    expect(layers.actual).toContain("RUN --mount=type=secret");
    expect(check(report, "everywhere")).toMatchObject({ passed: false, leak: { surface: "image-layers" } });
    expect(JSON.stringify(report)).not.toMatch(/npm_(?!FAKE)[A-Za-z0-9]{32}/);
  });

  test("COPY .npmrc . then RUN rm .npmrc: the COPY layer holds the token", async () => {
    const dockerfile = `FROM node:22-alpine
WORKDIR /app
COPY package.json .npmrc ./
RUN npm ci
RUN rm .npmrc
CMD ["node", "main.js"]
`;
    // A CI job that renders the token into the build context's .npmrc before building.
    const render = `printf '//registry.example/:_authToken=%s\\n@acme:registry=https://registry.example/\\n' "$NPM_TOKEN" > .npmrc`;
    const report = await grade(dockerfile, [render, BUILD]);
    expect(check(report, "builds").passed).toBe(true);
    expect(check(report, "old-surfaces").passed).toBe(true);
    const layers = check(report, "layers");
    expect(layers.passed).toBe(false);
    expect(layers.leak?.location).toBe("layer 6 (COPY package.json .npmrc ./) of payments:1.6.0: /app/.npmrc");
    expect(layers.actual).toContain("Layer 8 (RUN rm .npmrc) deletes /app/.npmrc, but deleting a file in a later layer does not remove it from the image");
  });

  test("a file a later layer overwrites is still in its own layer, and said so", async () => {
    const dockerfile = `FROM node:22-alpine
WORKDIR /app
COPY package.json ./
${WRITE_NPMRC} && npm ci
COPY .npmrc ./
CMD ["node", "main.js"]
`;
    const layers = check(await grade(dockerfile), "layers");
    expect(layers.passed).toBe(false);
    expect(layers.actual).toContain("Layer 8 (COPY .npmrc ./) overwrites /app/.npmrc, but overwriting a file in a later layer does not remove the old copy from the image");
  });

  test("a token still in the final image is reported as a file of the image", async () => {
    const dockerfile = `FROM node:22-alpine
WORKDIR /app
COPY package.json ./
${WRITE_NPMRC} && npm ci
CMD ["node", "main.js"]
`;
    const layers = check(await grade(dockerfile), "layers");
    expect(layers.passed).toBe(false);
    expect(layers.actual).toContain("The file is in the image: anyone who can pull it reads the secret");
  });

  test("writing and deleting the file in the same RUN leaves nothing in any layer; the secret mount alone passes too", async () => {
    const sameStep = `FROM node:22-alpine
WORKDIR /app
COPY package.json ./
${WRITE_NPMRC} && npm ci && rm .npmrc
CMD ["node", "main.js"]
`;
    const mount = `FROM node:22-alpine
WORKDIR /app
COPY package.json .npmrc ./
RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN,required=true npm ci
CMD ["node", "main.js"]
`;
    for (const dockerfile of [sameStep, mount]) {
      const report = await grade(dockerfile);
      expect(report.checks.filter((c) => !c.passed)).toEqual([]);
      expect(check(report, "layers").actual).toMatch(/^Not found in the \d+ places checked\.$/);
    }
  });

  test("an image whose tag a later build took is still on the host, and still scanned", async () => {
    const clean = `FROM node:22-alpine
WORKDIR /app
COPY package.json .npmrc ./
RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci
CMD ["node", "main.js"]
`;
    const report = await grade(WRITE_THEN_RM, [BUILD, "cp Dockerfile.clean Dockerfile", BUILD], { "Dockerfile.clean": clean });
    const layers = check(report, "layers");
    expect(layers.passed).toBe(false);
    expect(layers.leak?.location).toMatch(/^layer 7 \(RUN printf .*\) of the untagged image [0-9a-f]{12}: \/app\/\.npmrc$/);
  });

  test("a Docker host that cannot show its layers leaves the surface empty", async () => {
    const report = await gradeExercise(
      {
        starterFiles: { Dockerfile: "" },
        solutionFiles: { Dockerfile: "" },
        secrets: [{ name: "npm_token", kind: "token", shownValue: "npm_FAKE7rQ2xVb9LmT4kWd8Zs1Hc6Pn" }],
        docker: { setup: ["docker build -t app ."], inspect: { images: ["app"] } },
        checks: [{ id: "layers", kind: "no-leak", surfaces: ["image-layers"] }],
      },
      { Dockerfile: "FROM node:22-alpine\nRUN echo hi\n" },
      { runtime, network, createDockerHost: createFakeDockerHost },
    );
    expect(check(report, "layers")).toMatchObject({ passed: true, actual: "Not found in the 0 places checked." });
  });
});
