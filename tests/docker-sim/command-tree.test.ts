import { describe, expect, it } from "vitest";
import { session, setup } from "./helpers.ts";
import { compileGoTemplate } from "../../src/lib/cli/go-template.ts";

describe("docker command tree", () => {
  it("routes every alias that help names", async () => {
    const s = session();
    const help = (await s.run("docker build --help")).stdout;
    expect(help).toContain("Aliases:\n  docker build, docker builder build, docker image build, docker buildx b\n");
    for (const path of ["docker build", "docker builder build", "docker image build", "docker buildx b", "docker buildx build"]) {
      expect((await s.run(`${path} --help`)).exitCode, path).toBe(0);
    }
    expect((await s.run("docker ps --help")).stdout).toContain("Aliases:\n  docker container ls, docker container list, docker container ps, docker ps\n");
    expect((await s.run("docker container list")).exitCode).toBe(0);
  });

  it("lists groups from the tree, sorted as cobra sorts", async () => {
    const s = session();
    expect((await s.run("docker secret --help")).stdout).toContain("Commands:\n  create      Create a secret from a file or STDIN as content\n  inspect     Display detailed information on one or more secrets\n  ls          List secrets\n  rm          Remove one or more secrets\n");
    const main = (await s.run("docker --help")).stdout;
    expect(main).toContain("Common Commands:\n  run         Create and run a new container from an image\n  exec        Execute a command in a running container\n  ps          List containers\n  build       Start a build\n");
    expect(main).toContain("  buildx*     Docker Buildx\n  compose*    Docker Compose\n");
    expect(await s.run("docker secret frob")).toEqual({ stdout: "", stderr: "docker: unknown command: docker secret frob\n\nRun 'docker --help' for more information\n", exitCode: 1 });
  });
});

describe("--format", () => {
  it("table headers, json and template errors", async () => {
    const s = session();
    await setup(s, "docker swarm init", "printf x | docker secret create db_pass -", "printf y | docker secret create api_key --label env=prod -");
    expect((await s.run("docker secret ls --format 'table {{.Name}}\\t{{.Driver}}'")).stdout).toBe("NAME      DRIVER\napi_key   \ndb_pass   \n");
    expect((await s.run("docker secret ls --filter name=db --format '{{.Name}}'")).stdout).toBe("db_pass\n");
    expect((await s.run("docker secret ls --filter label=env=prod --format '{{.Name}} {{.Label \"env\"}}'")).stdout).toBe("api_key prod\n");
    const bad = await s.run("docker secret ls --format '{{.Name'");
    expect(bad).toEqual({ stdout: "", stderr: "template parsing error: template: :1: unclosed action\n", exitCode: 1 });
    const field = await s.run("docker secret ls --format '{{.Nope}}'");
    expect(field.stderr).toBe("template parsing error: template: :1:2: executing \"\" at <.Nope>: can't evaluate field Nope in type *secret.secretContext\n");
    const inspect = await s.run("docker secret inspect db_pass --format '{{range .Spec}'");
    expect(inspect.exitCode).toBe(64);
    expect(inspect.stderr).toMatch(/^template parsing error: template: :1: /);
  });

  it("evaluates Go template control flow", () => {
    const run = (t: string, data: unknown) => {
      const c = compileGoTemplate(t, { funcs: { join: (l, sep) => (l as string[]).join(String(sep)) } });
      if (!c.ok) return c.error;
      const r = c.value.execute(data);
      return r.ok ? r.value : r.error;
    };
    expect(run("{{range $i, $e := .A}}{{if $i}},{{end}}{{$e}}{{end}}", { A: ["x", "y"] })).toBe("x,y");
    expect(run("{{with .B}}{{.C}}{{else}}none{{end}}", { B: { C: 1 } })).toBe("1");
    expect(run("{{if eq .N 2}}two{{else if gt .N 2}}big{{else}}small{{end}}", { N: 3 })).toBe("big");
    expect(run("{{len .A}} {{join .A \"-\"}} {{$x := .N}}{{$x}}", { A: ["a", "b"], N: 7 })).toBe("2 a-b 7");
    expect(run("{{.Missing}}", {})).toBe("<no value>");
    expect(run("{{end}}", {})).toBe("template: :1: unexpected {{end}}");
    expect(run("{{nope .A}}", {})).toBe('template: :1: function "nope" not defined');
    expect(run("{{.4c}}", {})).toBe('template: :1: bad number syntax: ".4c"');
  });
});
