import { describe, expect, it } from "vitest";
import { session } from "./helpers.ts";

// Text filters and jq as GNU coreutils, sed, awk and jq 1.7 print them, for the one-liners the
// lessons and vendor docs use.
const cases: [string, string][] = [
  ["printf 'b\\na\\nb\\nc\\n' | sort | uniq", "a\nb\nc\n"],
  ["printf 'b\\na\\nb\\n' | sort | uniq -c", "      1 a\n      2 b\n"],
  ["echo 'a:b:c' | cut -d: -f2", "b\n"],
  ["echo 'hello world' | awk '{print $2}'", "world\n"],
  ["echo 'a,b' | awk -F, '{print $1}'", "a\n"],
  ["echo hello | sed 's/l/L/g'", "heLLo\n"],
  ["printf 'x\\ny\\n' | sed -n '2p'", "y\n"],
  ["echo hello | tr a-z A-Z", "HELLO\n"],
  ["printf 'a b\\nc\\n' | wc -l", "2\n"],
  ["basename /a/b/c.txt; dirname /a/b/c.txt", "c.txt\n/a/b\n"],
  ["echo hi | tee out.txt; cat out.txt", "hi\nhi\n"],
  ["openssl rand -hex 4 | wc -c", "9\n"],
  ['echo \'{"value":"s3cr3t","n":[1,2]}\' | jq -r .value', "s3cr3t\n"],
  // -j: no newline after the value, which is why the BuildKit lesson writes token files with it.
  ['echo \'{"value":"s3cr3t"}\' | jq -j .value; echo END', "s3cr3tEND\n"],
  ['echo \'{"a":{"b":1}}\' | jq .a', '{\n  "b": 1\n}\n'],
  ['echo \'{"a":null}\' | jq -e .a; echo rc=$?', "null\nrc=1\n"],
];

describe("text filters and jq", () => {
  it.each(cases)("%s", async (command, stdout) => {
    const s = session();
    expect(await s.run(command)).toEqual({ stdout, stderr: "", exitCode: 0 });
  });
});
