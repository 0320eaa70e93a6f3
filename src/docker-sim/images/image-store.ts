/**
 * Local images: tags, lookup by reference or id prefix, pulling from the base catalogue, and
 * removal. The "registry" is the catalogue; anything else is "pull access denied".
 */
import { DaemonErrors } from "../engine/errors.ts";
import { baseImageCatalogue, type CatalogueEntry } from "./base-images.ts";
import { normalizeReference, parseReference, type Image } from "./image.ts";

export interface PullResult {
  image: Image;
  /** The lines `docker pull` prints (run prints them on stderr). */
  progress: string[];
}

export class ImageStore {
  private readonly images = new Map<string, Image>();
  private readonly registry: CatalogueEntry[] = baseImageCatalogue();

  list(): Image[] {
    return [...this.images.values()];
  }

  /** Find a local image by `name[:tag]`, full id, or id prefix (at least the short 12 chars or fewer). */
  find(ref: string): Image | undefined {
    const wanted = normalizeReference(ref);
    for (const img of this.images.values()) if (img.repoTags.includes(wanted)) return img;
    const hex = ref.replace(/^sha256:/, "");
    if (/^[0-9a-f]{4,64}$/.test(hex)) {
      const matches = [...this.images.values()].filter((img) => img.id.slice(7).startsWith(hex));
      if (matches.length === 1) return matches[0];
    }
    return undefined;
  }

  get(ref: string): Image {
    const img = this.find(ref);
    if (!img) throw DaemonErrors.noSuchImage(ref.includes(":") || /^[0-9a-f]{12,}$/.test(ref) ? ref : `${ref}:latest`);
    return img;
  }

  /** Repositories the offline registry serves, with their tags (for `docker search`-like listings and tests). */
  catalogue(): { repo: string; tags: string[] }[] {
    const repos = new Map<string, string[]>();
    for (const e of this.registry) for (const t of e.tags) repos.set(parseReference(t).repo, [...(repos.get(parseReference(t).repo) ?? []), parseReference(t).tag]);
    return [...repos].map(([repo, tags]) => ({ repo, tags }));
  }

  inRegistry(ref: string): boolean {
    const wanted = normalizeReference(ref);
    return this.registry.some((e) => e.tags.includes(wanted));
  }

  /** Pull `ref` from the catalogue; the error is what the daemon answers for unknown repositories. */
  pull(ref: string): PullResult {
    const wanted = normalizeReference(ref);
    const entry = this.registry.find((e) => e.tags.includes(wanted));
    const { repo, tag } = parseReference(ref);
    if (!entry) {
      // A repository the registry has is never "missing": only its tag is.
      if (this.registry.some((e) => e.tags.some((t) => parseReference(t).repo === repo))) throw DaemonErrors.manifestUnknown(`${repo}:${tag}`);
      throw DaemonErrors.pullAccessDenied(repo);
    }
    const existing = this.images.get(entry.image.id);
    const image = existing ?? entry.image;
    const fresh = !existing || !image.repoTags.includes(wanted);
    this.add(image, wanted);
    const progress = [`${tag}: Pulling from library/${repo}`];
    for (const layer of image.layers) progress.push(`${layer.diffId.slice(7, 19)}: ${existing ? "Already exists" : "Pull complete"}`);
    progress.push(`Digest: ${image.repoDigests[0]!.split("@")[1]}`);
    progress.push(fresh ? `Status: Downloaded newer image for ${wanted}` : `Status: Image is up to date for ${wanted}`);
    progress.push(`docker.io/library/${wanted}`);
    return { image, progress };
  }

  /** Store an image under a tag, moving the tag off any image that held it. */
  add(image: Image, tag?: string): void {
    if (tag) {
      const normalized = normalizeReference(tag);
      for (const other of this.images.values()) {
        if (other !== image) other.repoTags = other.repoTags.filter((t) => t !== normalized);
      }
      if (!image.repoTags.includes(normalized)) image.repoTags.push(normalized);
    }
    this.images.set(image.id, image);
  }

  remove(image: Image): void {
    this.images.delete(image.id);
  }

  untag(image: Image, tag: string): void {
    image.repoTags = image.repoTags.filter((t) => t !== normalizeReference(tag));
  }
}
