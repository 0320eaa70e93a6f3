/**
 * Turning `docker run` flags into engine options: `-e`/`--env-file` (values taken verbatim, quotes
 * included, as docker does), `-v SRC:DST[:ro]`, `--mount type=...`, `--tmpfs DST[:opts]`.
 */
import { FsError, type FileSystem } from "../../fs/file-system.ts";
import { resolvePath } from "../../fs/path.ts";
import type { BindSpec } from "../../containers/container-store.ts";
import type { ParseResult } from "../flags.ts";

/** `-e K=V` as is; `-e K` takes the client's value, or is dropped when the client has none. */
export function resolveEnvFlags(values: readonly string[], clientEnv: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  for (const v of values) {
    if (v.includes("=")) out.push(v);
    else if (clientEnv.has(v)) out.push(`${v}=${clientEnv.get(v)}`);
  }
  return out;
}

/** Docker's env-file format: `K=V` lines, `#` comments, no unquoting, `K` alone reads the client env. */
export function parseEnvFile(fs: FileSystem, cwd: string, path: string, clientEnv: ReadonlyMap<string, string>): ParseResult<string[]> {
  let text: string;
  try {
    text = fs.readFile(resolvePath(cwd, path));
  } catch (e) {
    if (e instanceof FsError) return { ok: false, error: `open ${path}: ${e.text.toLowerCase()}` };
    throw e;
  }
  const out: string[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.replace(/^\s+/, "");
    if (line === "" || line.startsWith("#")) continue;
    const eq = line.indexOf("=");
    const key = eq === -1 ? line.trimEnd() : line.slice(0, eq);
    if (/\s/.test(key)) return { ok: false, error: `poorly formatted environment: variable '${key}' contains whitespaces` };
    if (eq !== -1) out.push(`${key}=${line.slice(eq + 1)}`);
    else if (clientEnv.has(key)) out.push(`${key}=${clientEnv.get(key)}`);
  }
  return { ok: true, value: out };
}

export function parseVolumeFlag(spec: string, cwd: string, anonymousName: () => string): ParseResult<BindSpec> {
  const parts = spec.split(":");
  if (parts.length > 3 || parts.some((p) => p === "")) return { ok: false, error: `invalid spec: ${spec}: empty section between colons` };
  if (parts.length === 1) {
    return { ok: true, value: { kind: "volume", source: anonymousName(), target: parts[0]!, readOnly: false, mode: "", spec: undefined } };
  }
  const [src, dst, mode = ""] = parts as [string, string, string?];
  if (!dst.startsWith("/")) {
    return { ok: false, error: `invalid volume specification: '${spec}': invalid mount config for type "${src.startsWith("/") ? "bind" : "volume"}": invalid mount path: '${dst}' mount path must be absolute` };
  }
  const readOnly = mode.split(",").includes("ro");
  const isPath = src.startsWith("/") || src.startsWith("./") || src.startsWith("../") || src === "." || src.startsWith("~");
  if (isPath) {
    const source = src.startsWith("~") ? resolvePath("/home/learner", src.slice(2)) : resolvePath(cwd, src);
    return { ok: true, value: { kind: "bind", source, target: dst, readOnly, mode, spec: `${source}:${dst}${mode ? `:${mode}` : ""}` } };
  }
  return { ok: true, value: { kind: "volume", source: src, target: dst, readOnly, mode: mode || "z", spec: `${src}:${dst}${mode ? `:${mode}` : ""}` } };
}

export type MountFlag = { kind: "bind" | "volume"; bind: BindSpec } | { kind: "tmpfs"; target: string; mode: number | undefined };

/** `--tmpfs DST[:opts]`: the options as given (HostConfig.Tmpfs) and the `mode=` among them. */
export function parseTmpfsFlag(value: string): { target: string; options: string; mode: number | undefined } {
  const [target, ...opts] = value.split(":");
  const options = opts.join(":");
  const mode = /(?:^|,)mode=([0-7]+)(?:,|$)/.exec(options)?.[1];
  return { target: target!, options, mode: mode === undefined ? undefined : parseInt(mode, 8) };
}

export function parseMountFlag(value: string, cwd: string): ParseResult<MountFlag> {
  const fields = new Map<string, string>();
  for (const part of value.split(",")) {
    const eq = part.indexOf("=");
    fields.set((eq === -1 ? part : part.slice(0, eq)).toLowerCase(), eq === -1 ? "true" : part.slice(eq + 1));
  }
  const type = fields.get("type") ?? "volume";
  const target = fields.get("target") ?? fields.get("destination") ?? fields.get("dst");
  const bad = (msg: string): ParseResult<MountFlag> => ({ ok: false, error: `invalid argument "${value}" for "--mount" flag: ${msg}` });
  if (!["bind", "volume", "tmpfs"].includes(type)) return bad(`invalid mount type "${type}"`);
  if (!target) return bad("target is required");
  if (type === "tmpfs") {
    const mode = fields.get("tmpfs-mode");
    if (mode !== undefined && !/^[0-7]+$/.test(mode)) return bad(`invalid value for tmpfs-mode: ${mode}`);
    return { ok: true, value: { kind: "tmpfs", target, mode: mode === undefined ? undefined : parseInt(mode, 8) } };
  }
  const src = fields.get("source") ?? fields.get("src");
  const ro = fields.get("readonly") ?? fields.get("ro");
  const readOnly = ro === "true" || ro === "1";
  if (type === "bind") {
    if (!src) return bad("source is required when specifying a bind mount");
    return { ok: true, value: { kind: "bind", bind: { kind: "bind", source: resolvePath(cwd, src), target, readOnly, mode: undefined, spec: undefined } } };
  }
  return { ok: true, value: { kind: "volume", bind: { kind: "volume", source: src ?? "", target, readOnly, mode: undefined, spec: undefined } } };
}

/** `-p [ip:][hostPort:]containerPort[/proto]`; a missing host port is given one from the ephemeral range. */
export function parsePublishFlags(values: readonly string[], ephemeral: () => number): ParseResult<Record<string, { HostIp: string; HostPort: string }[]>> {
  const out: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const v of values) {
    const m = /^(?:(\d{1,3}(?:\.\d{1,3}){3}):)?(?:(\d+)?:)?(\d+)(?:\/(tcp|udp|sctp))?$/.exec(v);
    if (!m) return { ok: false, error: `invalid argument "${v}" for "-p, --publish" flag: invalid containerPort: ${v.split(":").at(-1)}` };
    const port = `${m[3]}/${m[4] ?? "tcp"}`;
    (out[port] ??= []).push({ HostIp: m[1] ?? "", HostPort: m[2] ?? String(ephemeral()) });
  }
  return { ok: true, value: out };
}
