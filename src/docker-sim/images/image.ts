/** An image as the engine stores it: config, layers and the history `docker history` prints. */
import type { Layer } from "../fs/layer.ts";

export interface ImageConfig {
  Env: string[];
  Cmd: string[] | null;
  Entrypoint: string[] | null;
  WorkingDir: string;
  User: string;
  Labels: Record<string, string> | null;
  ExposedPorts?: Record<string, Record<string, never>>;
  StopSignal?: string;
}

export interface HistoryEntry {
  created: Date;
  /** Exactly what Docker/BuildKit records, e.g. `RUN |1 NPM_TOKEN=... /bin/sh -c npm ci # buildkit`. */
  createdBy: string;
  comment: string;
  /** True when the step changed only config (ENV, ARG, CMD...). */
  emptyLayer: boolean;
  /** Bytes of the layer this step created (0 when emptyLayer). */
  size: number;
}

export interface Image {
  /** "sha256:<64 hex>" */
  id: string;
  repoTags: string[];
  repoDigests: string[];
  created: Date;
  config: ImageConfig;
  layers: Layer[];
  history: HistoryEntry[];
  architecture: string;
  os: string;
}

export function imageSize(image: Image): number {
  return image.layers.reduce((n, l) => n + l.size, 0);
}

/** Split a reference into repository and tag, dropping the docker.io/library/ prefix. */
export function parseReference(ref: string): { repo: string; tag: string } {
  let r = ref.replace(/^docker\.io\//, "").replace(/^library\//, "");
  let tag = "latest";
  const at = r.indexOf("@");
  if (at !== -1) r = r.slice(0, at);
  const colon = r.lastIndexOf(":");
  if (colon > r.lastIndexOf("/")) {
    tag = r.slice(colon + 1);
    r = r.slice(0, colon);
  }
  return { repo: r, tag };
}

export function normalizeReference(ref: string): string {
  const { repo, tag } = parseReference(ref);
  return `${repo}:${tag}`;
}

/** Docker's reference grammar, loosely: lowercase path components, optional tag. */
export function isValidReference(ref: string): boolean {
  return /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]+)?(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$/.test(ref);
}
