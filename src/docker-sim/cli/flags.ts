/** The docker CLI parses flags as pflag does; the parser is shared by every simulated CLI. */
export * from "../../lib/cli/flags.ts";
