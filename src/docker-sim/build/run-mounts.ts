/**
 * `RUN --mount=...` options. Secret mounts follow the Dockerfile reference defaults:
 * `id` defaults to the basename of `target`; `target` defaults to `/run/secrets/<id>` unless only
 * `env` is given; `required` false; `mode` 0400; `uid`/`gid` 0.
 */
import { basename } from "../fs/path.ts";

export interface SecretMountSpec {
  type: "secret";
  id: string;
  target: string | undefined;
  env: string | undefined;
  required: boolean;
  mode: number;
  uid: number;
  gid: number;
}

/** Mount types a lesson may write but that change nothing the simulator models. */
export interface OtherMountSpec {
  type: "bind" | "cache" | "tmpfs" | "ssh";
  target: string | undefined;
}

export type RunMountSpec = SecretMountSpec | OtherMountSpec;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

const SECRET_KEYS = new Set(["type", "id", "target", "dst", "destination", "env", "required", "mode", "uid", "gid"]);

export function parseRunMount(value: string): ParseResult<RunMountSpec> {
  const fields = new Map<string, string | undefined>();
  const raw = new Map<string, string>();
  for (const part of value.split(",")) {
    if (!part) continue;
    const eq = part.indexOf("=");
    const key = (eq === -1 ? part : part.slice(0, eq)).toLowerCase();
    fields.set(key, eq === -1 ? undefined : part.slice(eq + 1));
    raw.set(key, part);
  }
  const type = fields.get("type") ?? "bind";
  if (type !== "secret") {
    if (!["bind", "cache", "tmpfs", "ssh"].includes(type)) return { ok: false, error: `unsupported mount type "${type}"` };
    return { ok: true, value: { type: type as OtherMountSpec["type"], target: fields.get("target") ?? fields.get("dst") ?? fields.get("destination") } };
  }
  for (const key of fields.keys()) {
    if (!SECRET_KEYS.has(key)) return { ok: false, error: `unexpected key '${key}' in '${raw.get(key)}'` };
  }
  const target = fields.get("target") ?? fields.get("dst") ?? fields.get("destination");
  const env = fields.get("env");
  const id = fields.get("id") || (target ? basename(target) : "");
  if (!id) return { ok: false, error: "secret ID missing from mount options" };
  const requiredText = fields.has("required") ? (fields.get("required") ?? "true") : "false";
  if (!["true", "false"].includes(requiredText.toLowerCase())) return { ok: false, error: `invalid value for required: ${requiredText}` };
  const parseNum = (key: string, base: number, dflt: number): number | string => {
    const v = fields.get(key);
    if (v === undefined) return dflt;
    const n = parseInt(v, base);
    return Number.isNaN(n) ? `invalid value for ${key}: ${v}` : n;
  };
  const mode = parseNum("mode", 8, 0o400);
  const uid = parseNum("uid", 10, 0);
  const gid = parseNum("gid", 10, 0);
  for (const v of [mode, uid, gid]) if (typeof v === "string") return { ok: false, error: v };
  return {
    ok: true,
    value: {
      type: "secret",
      id,
      target: target ?? (env ? undefined : `/run/secrets/${id}`),
      env,
      required: requiredText.toLowerCase() === "true",
      mode: mode as number,
      uid: uid as number,
      gid: gid as number,
    },
  };
}
