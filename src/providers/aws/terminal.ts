/**
 * The `aws` CLI in a terminal whose scenario gives an AWS world: AWS CLI v2's output (JSON by
 * default, `--query`, `--output text|table`) from src/aws/cli, signed with the credentials the CLI's
 * chain finds on the simulated host (env keys, `~/.aws/credentials` in its file system, the instance
 * role), against an account of the terminal's own.
 */
import { createAwsEngine, createAwsFetch, parseAwsScenario } from "../../aws/index.ts";
import { runAwsCli } from "../../aws/cli/index.ts";
import type { TerminalFacet } from "../types.ts";

export const terminal: TerminalFacet = {
  createClis(config) {
    const engine = createAwsEngine(parseAwsScenario(config));
    const aws = createAwsFetch(engine);
    return [
      {
        name: "aws",
        run: ({ argv, env, fs }) =>
          runAwsCli(argv.slice(1), {
            fetch: aws.fetch,
            env: Object.fromEntries(env),
            readFile: (path) => {
              try {
                return fs.readFile(path);
              } catch {
                return undefined;
              }
            },
          }),
      },
    ];
  },
};
