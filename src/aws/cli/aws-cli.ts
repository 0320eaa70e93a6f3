import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";
import { fromSandboxChain, parseSharedCredentials, type SandboxCredentials } from "../client/credential-chain.ts";
import { applyQuery, render, withCliTimestamps, type OutputFormat } from "./output.ts";

/**
 * `aws` as a pure function: argv in, `{ stdout, stderr, exitCode }` out, talking to AWS over
 * an injected fetch (the sandbox network), signing each request with SigV4 as the CLI does.
 * Exit codes are AWS CLI v2's: 0 ok, 252 bad command line, 253 no credentials/config,
 * 254 the service refused, 255 anything else.
 *
 * One command tree (`COMMANDS`): routing, `aws help` listings and completion read it.
 */
export interface CliContext {
  fetch: (request: Request) => Promise<Response>;
  env: Readonly<Record<string, string | undefined>>;
  readFile?: (path: string) => string | undefined;
}

export interface CliResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

interface Option {
  flag: string;
  /** The API field it fills; boolean flags have none of a value. */
  field: string;
  kind: "string" | "list" | "boolean" | "int";
}

interface ServiceCommand {
  operation: string;
  options: readonly Option[];
  required?: readonly string[];
}

const SECRET_ID: Option = { flag: "--secret-id", field: "SecretId", kind: "string" };

export const COMMANDS: Readonly<Record<string, Readonly<Record<string, ServiceCommand>>>> = {
  secretsmanager: {
    "get-secret-value": {
      operation: "GetSecretValue",
      options: [SECRET_ID, { flag: "--version-id", field: "VersionId", kind: "string" }, { flag: "--version-stage", field: "VersionStage", kind: "string" }],
      required: ["--secret-id"],
    },
    "put-secret-value": {
      operation: "PutSecretValue",
      options: [
        SECRET_ID,
        { flag: "--secret-string", field: "SecretString", kind: "string" },
        { flag: "--client-request-token", field: "ClientRequestToken", kind: "string" },
        { flag: "--version-stages", field: "VersionStages", kind: "list" },
      ],
      required: ["--secret-id"],
    },
    "list-secrets": {
      operation: "ListSecrets",
      options: [{ flag: "--max-results", field: "MaxResults", kind: "int" }, { flag: "--include-planned-deletion", field: "IncludePlannedDeletion", kind: "boolean" }],
    },
    "describe-secret": { operation: "DescribeSecret", options: [SECRET_ID], required: ["--secret-id"] },
    "rotate-secret": {
      operation: "RotateSecret",
      options: [SECRET_ID, { flag: "--rotation-lambda-arn", field: "RotationLambdaARN", kind: "string" }, { flag: "--client-request-token", field: "ClientRequestToken", kind: "string" }],
      required: ["--secret-id"],
    },
  },
  sts: { "get-caller-identity": { operation: "GetCallerIdentity", options: [] } },
};

const USAGE = `usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]
To see help text, you can run:

  aws help
  aws <command> help
  aws <command> <subcommand> help
`;

const usageError = (message: string): CliResult => ({ stdout: "", stderr: `${USAGE}\naws: error: ${message}\n`, exitCode: 252 });

export async function runAwsCli(argv: readonly string[], ctx: CliContext): Promise<CliResult> {
  const args = [...argv];
  let output: OutputFormat | undefined;
  let query: string | undefined;
  let region: string | undefined;
  let profile: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const take = (): string | undefined => args[++i];
    if (a === "--output") {
      const v = take();
      if (v !== "json" && v !== "text") return usageError(`argument --output: Invalid choice, valid choices are:\n\njson                                     | text`);
      output = v;
    } else if (a === "--query") query = take();
    else if (a === "--region") region = take();
    else if (a === "--profile") profile = take();
    else rest.push(a);
  }
  const env: CliContext["env"] = { ...ctx.env, ...(profile ? { AWS_PROFILE: profile } : {}) };
  const [service, sub, ...params] = rest;
  if (!service) return usageError("the following arguments are required: command");
  if (service === "configure" && sub === "list") return configureList(env, ctx, region);
  const commands = COMMANDS[service];
  if (!commands) return usageError(`argument command: Invalid choice, valid choices are:\n\n${Object.keys(COMMANDS).concat("configure").join(" | ")}`);
  const command = sub ? commands[sub] : undefined;
  if (!command) return usageError(`argument operation: Invalid choice, valid choices are:\n\n${Object.keys(commands).join(" | ")}`);

  const body: Record<string, unknown> = {};
  for (let i = 0; i < params.length; i++) {
    const flag = params[i]!;
    const option = command.options.find((o) => o.flag === flag);
    if (!option) return usageError(`Unknown options: ${params.slice(i).join(", ")}`);
    if (option.kind === "boolean") {
      body[option.field] = true;
      continue;
    }
    const values: string[] = [];
    while (i + 1 < params.length && !params[i + 1]!.startsWith("--")) values.push(params[++i]!);
    if (values.length === 0) return usageError(`argument ${flag}: expected one argument`);
    body[option.field] = option.kind === "list" ? values : option.kind === "int" ? Number(values[0]) : values[0];
  }
  const missing = (command.required ?? []).filter((flag) => body[command.options.find((o) => o.flag === flag)!.field] === undefined);
  if (missing.length) return usageError(`the following arguments are required: ${missing.join(", ")}`);

  const resolvedRegion = region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? configRegion(env, ctx);
  if (!resolvedRegion && service !== "sts") return { stdout: "", stderr: "You must specify a region. You can also configure your region by running \"aws configure\".\n", exitCode: 253 };
  let credentials: SandboxCredentials;
  try {
    credentials = await fromSandboxChain({ env, ...(ctx.readFile ? { readFile: ctx.readFile } : {}), fetch: (input, init) => ctx.fetch(new Request(input, init)) })();
  } catch {
    return { stdout: "", stderr: 'Unable to locate credentials. You can configure credentials by running "aws configure".\n', exitCode: 253 };
  }
  const reply = service === "sts" ? await callQuery(ctx, credentials, resolvedRegion ?? "us-east-1", command.operation) : await callJson(ctx, credentials, resolvedRegion!, service, command.operation, body);
  if (!reply.ok) {
    return { stdout: "", stderr: `\nAn error occurred (${reply.code}) when calling the ${command.operation} operation: ${reply.message}\n`, exitCode: 254 };
  }
  try {
    return { stdout: render(applyQuery(withCliTimestamps(reply.value), query), output ?? configOutput(env, ctx) ?? "json"), stderr: "", exitCode: 0 };
  } catch (error) {
    return { stdout: "", stderr: `\nBad value for --query ${query}: ${error instanceof Error ? error.message : String(error)}\n\n`, exitCode: 255 };
  }
}

type Reply = { ok: true; value: unknown } | { ok: false; code: string; message: string };

async function signedFetch(ctx: CliContext, credentials: SandboxCredentials, region: string, service: string, url: URL, headers: Record<string, string>, body: string): Promise<Response> {
  const signer = new SignatureV4({ credentials, region, service, sha256: Sha256 });
  const signed = await signer.sign({ method: "POST", protocol: url.protocol, hostname: url.hostname, path: url.pathname, query: {}, headers: { ...headers, host: url.host }, body });
  return ctx.fetch(new Request(url, { method: "POST", headers: signed.headers, body }));
}

async function callJson(ctx: CliContext, credentials: SandboxCredentials, region: string, service: string, operation: string, body: Record<string, unknown>): Promise<Reply> {
  const url = new URL(`https://${service}.${region}.amazonaws.com/`);
  const response = await signedFetch(ctx, credentials, region, service, url, { "content-type": "application/x-amz-json-1.1", "x-amz-target": `${service}.${operation}` }, JSON.stringify(body));
  const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.ok) return { ok: true, value: json };
  const code = String(json.__type ?? "Unknown").replace(/^.*#/, "");
  return { ok: false, code, message: String(json.message ?? json.Message ?? "") };
}

async function callQuery(ctx: CliContext, credentials: SandboxCredentials, region: string, operation: string): Promise<Reply> {
  const url = new URL(`https://sts.${region}.amazonaws.com/`);
  const response = await signedFetch(ctx, credentials, region, "sts", url, { "content-type": "application/x-www-form-urlencoded; charset=utf-8" }, `Action=${operation}&Version=2011-06-15`);
  const xml = await response.text();
  const tag = (name: string): string | undefined => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
  if (!response.ok) return { ok: false, code: tag("Code") ?? "Unknown", message: tag("Message") ?? "" };
  return { ok: true, value: { UserId: tag("UserId"), Account: tag("Account"), Arn: tag("Arn") } };
}

function sharedConfig(env: CliContext["env"], ctx: CliContext): Record<string, string> | undefined {
  const home = env.HOME ?? "/home/app";
  const text = ctx.readFile?.(env.AWS_CONFIG_FILE ?? `${home}/.aws/config`);
  return text === undefined ? undefined : parseSharedCredentials(text).get(env.AWS_PROFILE ?? "default");
}
const configRegion = (env: CliContext["env"], ctx: CliContext): string | undefined => sharedConfig(env, ctx)?.region;
const configOutput = (env: CliContext["env"], ctx: CliContext): OutputFormat | undefined => {
  const o = sharedConfig(env, ctx)?.output;
  return o === "json" || o === "text" ? o : undefined;
};

/** `aws configure list`: where each setting comes from, keys masked but for their last 4. */
async function configureList(env: CliContext["env"], ctx: CliContext, regionFlag: string | undefined): Promise<CliResult> {
  const home = env.HOME ?? "/home/app";
  const profileName = env.AWS_PROFILE;
  let access = { value: "<not set>", type: "None", location: "None" };
  let secret = { ...access };
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    access = { value: mask(env.AWS_ACCESS_KEY_ID), type: "env", location: "" };
    secret = { value: mask(env.AWS_SECRET_ACCESS_KEY), type: "env", location: "" };
  } else {
    const path = env.AWS_SHARED_CREDENTIALS_FILE ?? `${home}/.aws/credentials`;
    const file = ctx.readFile?.(path);
    const entry = file === undefined ? undefined : parseSharedCredentials(file).get(profileName ?? "default");
    if (entry?.aws_access_key_id && entry.aws_secret_access_key) {
      access = { value: mask(entry.aws_access_key_id), type: "shared-credentials-file", location: "" };
      secret = { value: mask(entry.aws_secret_access_key), type: "shared-credentials-file", location: "" };
    } else if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI) {
      access = { value: "****************", type: "container-role", location: "" };
      secret = { ...access };
    } else {
      try {
        const c = await fromSandboxChain({ env: {}, fetch: (input, init) => ctx.fetch(new Request(input, init)) })();
        access = { value: mask(c.accessKeyId), type: "iam-role", location: "" };
        secret = { value: mask(c.secretAccessKey), type: "iam-role", location: "" };
      } catch {
        // No instance role either: <not set>.
      }
    }
  }
  const regionValue = regionFlag ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? configRegion(env, ctx);
  const region = regionFlag
    ? { value: regionFlag, type: "parameter", location: "" }
    : env.AWS_REGION
      ? { value: env.AWS_REGION, type: "env", location: "AWS_REGION" }
      : env.AWS_DEFAULT_REGION
        ? { value: env.AWS_DEFAULT_REGION, type: "env", location: "AWS_DEFAULT_REGION" }
        : regionValue
          ? { value: regionValue, type: "config-file", location: `~/.aws/config` }
          : { value: "<not set>", type: "None", location: "None" };
  const profile = profileName ? { value: profileName, type: "env", location: "AWS_PROFILE" } : { value: "<not set>", type: "None", location: "None" };
  const row = (name: string, r: { value: string; type: string; location: string }) => `${name.padStart(10)}${r.value.padStart(25)}${r.type.padStart(17)}    ${r.location}`.trimEnd();
  const lines = [row("Name", { value: "Value", type: "Type", location: "Location" }), row("----", { value: "-----", type: "----", location: "--------" }), row("profile", profile), row("access_key", access), row("secret_key", secret), row("region", region)];
  return { stdout: `${lines.join("\n")}\n`, stderr: "", exitCode: 0 };
}

const mask = (value: string): string => `****************${value.slice(-4)}`;
