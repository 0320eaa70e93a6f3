/**
 * Image layers: each one a diff over the layers below it, as in an overlay file system. A `null`
 * entry is a whiteout: the path was deleted in this layer, but the bytes stay in the layers below,
 * which is exactly why `RUN rm /root/.npmrc` does not remove a token an earlier layer wrote.
 */
import { byteLength } from "./file-system.ts";
import type { MemoryEntry } from "./memory-fs.ts";

export type LayerDiff = Map<string, MemoryEntry | null>;

export interface Layer {
  /** "sha256:<hex>" diff id, as listed in RootFS.Layers. */
  readonly diffId: string;
  readonly files: ReadonlyMap<string, MemoryEntry | null>;
  /** Bytes this layer adds: content size plus any declared extra (e.g. a simulated node_modules). */
  readonly size: number;
}

export function diffSize(files: ReadonlyMap<string, MemoryEntry | null>): number {
  let total = 0;
  for (const e of files.values()) if (e && e.kind === "file") total += byteLength(e.content);
  return total;
}

/** Every path a layer (alone) holds as a file with its content: what `docker save` would reveal. */
export function layerFiles(layer: Layer): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, e] of layer.files) if (e && e.kind === "file") out.set(path, e.content);
  return out;
}
