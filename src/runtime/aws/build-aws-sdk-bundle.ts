/**
 * Builds the lazily loaded AWS bundle for the sandbox Worker (classic-Worker IIFE, one
 * expression whose value is `AwsModules`) and prints its weight:
 *
 *   node src/runtime/aws/build-aws-sdk-bundle.ts [--write <file>]
 *
 * Like the Azure bundle in src/runtime/tools/build-worker-source.ts, with one substitution:
 * `@aws-sdk/xml-builder` maps its XML parser to a DOMParser version for browsers, and the
 * sandbox Worker has no DOMParser, so the pure-JS parser is loaded in its place (smaller too).
 */
import { readFile } from "node:fs/promises";
import { build, type Plugin } from "rolldown";

export const AWS_SDK_ENTRY = new URL("./aws-modules.ts", import.meta.url);

const pureJsXmlParser: Plugin = {
  name: "aws-xml-parser-pure-js",
  async load(id) {
    if (/@aws-sdk[\\/]xml-builder[\\/]dist-es[\\/]xml-parser\.browser\.js$/.test(id)) {
      return readFile(id.replace(/xml-parser\.browser\.js$/, "xml-parser.js"), "utf8");
    }
    return null;
  },
};

export async function bundleAwsSdk(): Promise<string> {
  const result = await build({
    input: AWS_SDK_ENTRY.pathname,
    platform: "browser",
    write: false,
    logLevel: "warn",
    plugins: [pureJsXmlParser],
    output: { format: "iife", minify: true, codeSplitting: false, keepNames: true, name: "__sandboxBundle" },
  });
  const chunk = result.output.find((item) => item.type === "chunk");
  if (!chunk) throw new Error("rolldown produced no chunk for the AWS bundle");
  return `(function () {\n${chunk.code}\nreturn __sandboxBundle.awsModules;\n})()`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { gzipSync } = await import("node:zlib");
  const code = await bundleAwsSdk();
  const nodeBuiltins = [...new Set(code.match(/["'](node:[a-z_/]+|fs|child_process|os|http|https)["']/g) ?? [])];
  console.log(`AWS SDK bundle: ${Math.round(code.length / 1024)} KB, ${Math.round(gzipSync(code, { level: 9 }).length / 1024)} KB gz; DOMParser used: ${code.includes("DOMParser")}; node built-ins named: ${nodeBuiltins.join(", ") || "none"}`);
  const out = process.argv.indexOf("--write");
  if (out > 0 && process.argv[out + 1]) {
    const { writeFile } = await import("node:fs/promises");
    await writeFile(process.argv[out + 1]!, code);
  }
}
