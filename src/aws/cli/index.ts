/**
 * The `aws` CLI (a subset: secretsmanager get-secret-value|put-secret-value|list-secrets|
 * describe-secret|rotate-secret, sts get-caller-identity, configure list) as a pure function
 * for the terminal: `runAwsCli(argv, { fetch, env, readFile })`.
 */
export { runAwsCli, COMMANDS } from "./aws-cli.ts";
export type { CliContext, CliResult } from "./aws-cli.ts";
export { render, applyQuery, isoMicros } from "./output.ts";
export type { OutputFormat } from "./output.ts";
