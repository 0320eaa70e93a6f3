import { describe, expect, it } from "vitest";
import { createDockerSimHost } from "../../src/exercises/docker-sim-host";

describe("the docker-sim grading host", () => {
  it("accepts files in the default /app context and in new subfolders, and builds there", async () => {
    const host = createDockerSimHost();
    await host.writeFile("/app/Dockerfile", "FROM alpine:3.20\nCOPY conf/app.conf /etc/app.conf\n");
    await host.writeFile("/app/conf/app.conf", "level=info\n");
    const build = await host.exec("docker build -t probe .");
    expect(build.exitCode, build.stderr).toBe(0);
    const run = await host.exec("docker run --rm probe cat /etc/app.conf");
    expect(run.stdout).toBe("level=info\n");
  });
});
