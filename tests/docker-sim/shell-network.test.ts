import { describe, expect, it } from "vitest";
import { DockerEngine, ManualClock, createDockerShell } from "../../src/docker-sim/index.ts";
import { PAYMENTS_API_HOST, SimulatedNetwork, createPaymentsApi } from "../../src/runtime/index.ts";

function host() {
  const payments = createPaymentsApi();
  const network = new SimulatedNetwork({ [PAYMENTS_API_HOST]: payments.handler });
  const shell = createDockerShell(new DockerEngine({ clock: new ManualClock("2025-01-15T09:30:00.000Z") }), { network: (r) => network.handle(r) });
  return { payments, run: (line: string) => shell.exec(line) };
}

// curl 8 against the simulated payments API: the request reaches the mock, never a real host.
describe("curl to the simulated hosts", () => {
  it("POSTs form data with a header; the API sees them", async () => {
    const h = host();
    const r = await h.run("curl -s -X POST https://api.payments.example/v1/charges -H 'Authorization: Bearer sk_test_51FakeKey' -d amount=500 -d currency=eur");
    expect(r).toEqual({ stdout: '{"id":"ch_demo_0001","object":"charge","amount":500,"currency":"eur","status":"succeeded"}', stderr: "", exitCode: 0 });
    expect(h.payments.requests[0]).toMatchObject({ method: "POST", path: "/v1/charges", body: "amount=500&currency=eur" });
    expect(h.payments.requests[0]!.headers["authorization"]).toBe("Bearer sk_test_51FakeKey");
    expect(h.payments.requests[0]!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
  });

  it("-o writes the body to a file and -w prints the status; --json sends JSON into jq", async () => {
    const h = host();
    expect(await h.run("curl -sS -o out.json -w '%{http_code}\\n' https://api.payments.example/v1/charges -d amount=1; jq -r .error.type out.json")).toEqual({
      stdout: "401\nauthentication_error\n",
      stderr: "",
      exitCode: 0,
    });
    expect((await h.run("curl -s --json '{\"amount\":7}' -H 'Authorization: Bearer sk_test_x' https://api.payments.example/v1/charges | jq -r .status")).stdout).toBe("succeeded\n");
  });

  it("-i shows the status line and headers; -f fails with 22 on an HTTP error", async () => {
    const h = host();
    expect((await h.run("curl -si https://api.payments.example/nope")).stdout).toMatch(/^HTTP\/1\.1 404 Not Found\r\ncontent-type: application\/json\r\n\r\n\{"error"/);
    expect(await h.run("curl -fsS https://api.payments.example/nope")).toEqual({ stdout: "", stderr: "curl: (22) The requested URL returned error: 404\n", exitCode: 22 });
  });

  it("a host that is not simulated does not resolve (6); -s hides the message; bad options are refused", async () => {
    const h = host();
    expect(await h.run("curl https://attacker.example/?k=1")).toEqual({ stdout: "", stderr: "curl: (6) Could not resolve host: attacker.example\n", exitCode: 6 });
    expect(await h.run("curl -s https://attacker.example/; echo rc=$?")).toEqual({ stdout: "rc=6\n", stderr: "", exitCode: 0 });
    expect(await h.run("curl --bogus https://api.payments.example/")).toEqual({ stdout: "", stderr: "curl: option --bogus: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n", exitCode: 2 });
    expect(await h.run("curl")).toEqual({ stdout: "", stderr: "curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\n", exitCode: 2 });
  });
});

describe("CLIs plugged into the shell (createDockerShell's commands and registerCommand)", () => {
  it("a plugged-in CLI gets argv, the exported env, stdin and cwd, runs in pipes, and can be replaced", async () => {
    const seen: { argv: readonly string[]; region?: string; stdin: string; cwd: string }[] = [];
    const shell = createDockerShell(new DockerEngine({ clock: new ManualClock("2025-01-15T09:30:00.000Z") }), {
      commands: [
        {
          name: "aws",
          run: ({ argv, env, stdin, cwd }) => {
            seen.push({ argv, region: env.get("AWS_REGION"), stdin, cwd });
            return { stdout: '{"SecretString":"s3cr3t"}\n', stderr: "", exitCode: 0 };
          },
        },
      ],
    });
    const r = await shell.exec("export AWS_REGION=eu-west-1; echo in | aws secretsmanager get-secret-value --secret-id db | jq -r .SecretString");
    expect(r).toEqual({ stdout: "s3cr3t\n", stderr: "", exitCode: 0 });
    expect(seen).toEqual([{ argv: ["aws", "secretsmanager", "get-secret-value", "--secret-id", "db"], region: "eu-west-1", stdin: "in\n", cwd: "/home/learner/app" }]);
    expect(shell.commandNames).toContain("aws");
    shell.registerCommand({ name: "aws", run: () => ({ stdout: "", stderr: "aws: error: replaced\n", exitCode: 252 }) });
    expect(await shell.exec("aws sts get-caller-identity")).toEqual({ stdout: "", stderr: "aws: error: replaced\n", exitCode: 252 });
  });
});
