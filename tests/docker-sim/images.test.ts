import { describe, expect, it } from "vitest";
import { session, setup } from "./helpers.ts";

describe("docker tag", () => {
  it("adds a name for the same image; docker images lists both", async () => {
    const s = session();
    await setup(s, "printf 'FROM alpine:3.20\\nCMD [\"echo\", \"hi\"]\\n' > Dockerfile", "docker build -q -t payments:1.6.0 .");
    const id = (await s.run("docker images -q payments:1.6.0")).stdout.trim();
    expect(await s.run("docker tag payments:1.6.0 registry.example.com/acme/payments:1.6.0")).toEqual({ stdout: "", stderr: "", exitCode: 0 });
    expect(await s.run("docker image tag payments:1.6.0 payments")).toEqual({ stdout: "", stderr: "", exitCode: 0 });
    expect((await s.run("docker images --format '{{.Repository}}:{{.Tag}} {{.ID}}' | grep payments")).stdout).toBe(
      `payments:1.6.0 ${id}\npayments:latest ${id}\nregistry.example.com/acme/payments:1.6.0 ${id}\n`,
    );
    // Removing one name only untags.
    expect((await s.run("docker rmi payments:latest")).stdout).toBe("Untagged: payments:latest\n");
    expect((await s.run("docker run --rm registry.example.com/acme/payments:1.6.0")).stdout).toBe("hi\n");
  });

  it("moves a tag that another image held", async () => {
    const s = session();
    await setup(s, "docker tag alpine:3.20 base:current", "docker tag busybox base:current");
    expect((await s.run("docker images -q base:current")).stdout).toBe((await s.run("docker images -q busybox")).stdout);
    expect((await s.run("docker images -q alpine:3.20")).stdout).not.toBe("");
  });

  it("errors read like the docker CLI's", async () => {
    const s = session();
    expect(await s.run("docker tag nope payments:1")).toEqual({ stdout: "", stderr: "Error response from daemon: No such image: nope:latest\n", exitCode: 1 });
    expect(await s.run("docker tag alpine:3.20 Payments:1")).toEqual({
      stdout: "",
      stderr: 'Error parsing reference: "Payments:1" is not a valid repository/tag: invalid reference format: repository name (library/Payments) must be lowercase\n',
      exitCode: 1,
    });
    expect(await s.run("docker tag alpine:3.20 payments:")).toEqual({ stdout: "", stderr: 'Error parsing reference: "payments:" is not a valid repository/tag: invalid reference format\n', exitCode: 1 });
    expect((await s.run("docker tag alpine:3.20")).stderr).toBe(
      "docker: 'docker tag' requires exactly 2 arguments\n\nUsage:  docker tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]\n\nSee 'docker tag --help' for more information\n",
    );
    expect((await s.run("docker --help")).stdout).toContain("  tag         Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE\n");
  });
});
