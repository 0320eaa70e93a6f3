/**
 * The registry the simulator can "pull" from: a few real base images with plausible (fake) ids,
 * sizes, history and a handful of files each, so `ls`, `cat /etc/os-release` and `node` work.
 */
import type { Layer } from "../fs/layer.ts";
import type { MemoryEntry } from "../fs/memory-fs.ts";
import type { HistoryEntry, Image, ImageConfig } from "./image.ts";

const BASE_TIME = new Date("2024-12-06T01:12:43Z");
const PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

function entries(files: Record<string, string>, dirs: string[], extraModes: Record<string, number> = {}): Map<string, MemoryEntry> {
  const map = new Map<string, MemoryEntry>();
  const mtime = BASE_TIME;
  for (const d of dirs) map.set(d, { kind: "dir", content: "", mode: d === "/tmp" ? 0o777 : d === "/root" ? 0o700 : 0o755, uid: 0, gid: 0, mtime });
  for (const [path, content] of Object.entries(files)) {
    map.set(path, { kind: "file", content, mode: extraModes[path] ?? 0o644, uid: 0, gid: 0, mtime });
  }
  return map;
}

const ALPINE_DIRS = ["/bin", "/dev", "/etc", "/home", "/lib", "/media", "/mnt", "/opt", "/proc", "/root", "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr", "/usr/bin", "/usr/lib", "/usr/local", "/usr/local/bin", "/usr/sbin", "/var", "/var/log"];

function alpineFiles(version: string): Record<string, string> {
  return {
    "/etc/os-release": `NAME="Alpine Linux"\nID=alpine\nVERSION_ID=${version}\nPRETTY_NAME="Alpine Linux v${version.split(".").slice(0, 2).join(".")}"\nHOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n`,
    "/etc/alpine-release": `${version}\n`,
    "/etc/passwd": "root:x:0:0:root:/root:/bin/sh\nbin:x:1:1:bin:/bin:/sbin/nologin\ndaemon:x:2:2:daemon:/sbin:/sbin/nologin\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n",
    // Alpine's own group file: root's membership is what `id` lists for root in these images.
    "/etc/group": "root:x:0:root\nbin:x:1:root,bin,daemon\ndaemon:x:2:root,bin,daemon\nsys:x:3:root,bin,adm\nadm:x:4:root,adm,daemon\ntty:x:5:\ndisk:x:6:root,adm\nlp:x:7:lp\nkmem:x:9:\nwheel:x:10:root\nfloppy:x:11:root\nmail:x:12:mail\nnews:x:13:news\nuucp:x:14:uucp\ncron:x:16:cron\naudio:x:18:\ncdrom:x:19:\ndialout:x:20:root\nftp:x:21:\nsshd:x:22:\ninput:x:23:\ntape:x:26:root\nvideo:x:27:root\nnetdev:x:28:\nkvm:x:34:kvm\ngames:x:35:\nshadow:x:42:\nwww-data:x:82:\nusers:x:100:games\nntp:x:123:\nabuild:x:300:\nutmp:x:406:\nping:x:999:\nnogroup:x:65533:\nnobody:x:65534:\n",
    "/etc/hostname": "localhost\n",
    "/bin/busybox": "\u007fELF (simulated busybox)\n",
    "/bin/sh": "\u007fELF (simulated busybox sh)\n",
  };
}

interface BaseSpec {
  tags: string[];
  idHex: string;
  digest: string;
  config: ImageConfig;
  history: { createdBy: string; size: number }[];
  files: Map<string, MemoryEntry>[];
}

function layerOf(hex: string, files: Map<string, MemoryEntry>, size: number): Layer {
  return { diffId: `sha256:${hex}`, files, size };
}

function build(spec: BaseSpec): Image {
  const layerSteps = spec.history.filter((h) => h.size > 0);
  const layers = layerSteps.map((h, i) => layerOf(`${spec.idHex.slice(i * 3)}${spec.idHex.slice(0, i * 3)}`, spec.files[i] ?? new Map(), h.size));
  const history: HistoryEntry[] = spec.history.map((h) => ({
    created: BASE_TIME,
    createdBy: h.createdBy,
    comment: "buildkit.dockerfile.v0",
    emptyLayer: h.size === 0,
    size: h.size,
  }));
  // The rootfs step of an official image is not a Dockerfile step.
  history[0]!.comment = "";
  return {
    id: `sha256:${spec.idHex}`,
    repoTags: [],
    repoDigests: [`${spec.tags[0]!.split(":")[0]}@sha256:${spec.digest}`],
    created: BASE_TIME,
    config: spec.config,
    layers,
    history,
    architecture: "amd64",
    os: "linux",
  };
}

const alpineRoot = (version: string): Map<string, MemoryEntry> => entries(alpineFiles(version), ALPINE_DIRS, { "/bin/busybox": 0o755, "/bin/sh": 0o755 });

function catalogue(): BaseSpec[] {
  return [
    {
      tags: ["alpine:3.20", "alpine:latest", "alpine:3"],
      idHex: "91ef0af61f39ece4d6710e465df5ba6ca6c2bba3f4e2d9ed4af4b63be1f1e3fa",
      digest: "beefdbd8a1da6d2915566fde36db9db0b524eb737fc57cd1367effd16dc0d06d",
      config: { Env: [PATH], Cmd: ["/bin/sh"], Entrypoint: null, WorkingDir: "", User: "", Labels: null },
      history: [
        { createdBy: "ADD alpine-minirootfs-3.20.3-x86_64.tar.gz / # buildkit", size: 7_797_760 },
        { createdBy: 'CMD ["/bin/sh"]', size: 0 },
      ],
      files: [alpineRoot("3.20.3")],
    },
    {
      tags: ["node:22-alpine", "node:22-alpine3.20"],
      idHex: "2c29e2a7a5f1dca1f0b19d5e3aa1e1e7a2b4fcd8d1bb6d6cc4a3e0f6e8a9d301",
      digest: "96cc8b8a6e0e2d6a8a4a1c1f8f6f0e9c3a3fd8b7f2a4c0e0d1c2b3a4f5e6d7c8",
      config: {
        Env: [PATH, "NODE_VERSION=22.12.0", "YARN_VERSION=1.22.22"],
        Cmd: ["node"],
        Entrypoint: ["docker-entrypoint.sh"],
        WorkingDir: "",
        User: "",
        Labels: null,
      },
      history: [
        { createdBy: "ADD alpine-minirootfs-3.20.3-x86_64.tar.gz / # buildkit", size: 7_797_760 },
        { createdBy: 'CMD ["/bin/sh"]', size: 0 },
        { createdBy: "ENV NODE_VERSION=22.12.0", size: 0 },
        { createdBy: "RUN /bin/sh -c addgroup -g 1000 node     && adduser -u 1000 -G node -s /bin/sh -D node     && apk add --no-cache         libstdc++ # buildkit", size: 140_583_194 },
        { createdBy: "ENV YARN_VERSION=1.22.22", size: 0 },
        { createdBy: "RUN /bin/sh -c apk add --no-cache --virtual .build-deps-yarn curl gnupg tar # buildkit", size: 5_349_072 },
        { createdBy: "COPY docker-entrypoint.sh /usr/local/bin/ # buildkit", size: 388 },
        { createdBy: 'ENTRYPOINT ["docker-entrypoint.sh"]', size: 0 },
        { createdBy: 'CMD ["node"]', size: 0 },
      ],
      files: [
        alpineRoot("3.20.3"),
        entries(
          {
            "/usr/local/bin/node": "\u007fELF (simulated node v22.12.0)\n",
            "/etc/passwd": `${alpineFiles("3.20.3")["/etc/passwd"]}node:x:1000:1000::/home/node:/bin/sh\n`,
            "/etc/group": `${alpineFiles("3.20.3")["/etc/group"]}node:x:1000:node\n`,
          },
          ["/home/node", "/usr/local/lib", "/usr/local/lib/node_modules"],
          { "/usr/local/bin/node": 0o755 },
        ),
        entries({ "/usr/local/bin/yarn": "#!/usr/bin/env node (simulated yarn)\n" }, [], { "/usr/local/bin/yarn": 0o755 }),
        entries({ "/usr/local/bin/docker-entrypoint.sh": '#!/bin/sh\nset -e\n\n# Run command with node if the first argument contains a "-" or is not a system command.\nexec "$@"\n' }, [], {
          "/usr/local/bin/docker-entrypoint.sh": 0o755,
        }),
      ],
    },
    {
      tags: ["nginx:1.27-alpine", "nginx:alpine"],
      idHex: "c7b4f26a7d93f1e4a5d8b1e1c3f0a2e4d6c8b0a1f3e5d7c9b2a4f6e8d0c1b3a5",
      digest: "41523187cf7d7a2f2677a80609d9caa14388bf5c1fbca9c410ba3de602aaaab4",
      config: {
        Env: [PATH, "NGINX_VERSION=1.27.3", "PKG_RELEASE=1", "DYNPKG_RELEASE=1", "NJS_VERSION=0.8.7", "NJS_RELEASE=1"],
        Cmd: ["nginx", "-g", "daemon off;"],
        Entrypoint: ["/docker-entrypoint.sh"],
        WorkingDir: "",
        User: "",
        Labels: { maintainer: "NGINX Docker Maintainers <docker-maint@nginx.com>" },
        ExposedPorts: { "80/tcp": {} },
        StopSignal: "SIGQUIT",
      },
      history: [
        { createdBy: "ADD alpine-minirootfs-3.20.3-x86_64.tar.gz / # buildkit", size: 7_797_760 },
        { createdBy: 'CMD ["/bin/sh"]', size: 0 },
        { createdBy: "LABEL maintainer=NGINX Docker Maintainers <docker-maint@nginx.com>", size: 0 },
        { createdBy: "ENV NGINX_VERSION=1.27.3", size: 0 },
        { createdBy: "RUN /bin/sh -c set -x     && addgroup -g 101 -S nginx     && adduser -S -D -H -u 101 -h /var/cache/nginx -s /sbin/nologin -G nginx -g nginx nginx # buildkit", size: 39_780_352 },
        { createdBy: "COPY docker-entrypoint.sh / # buildkit", size: 1_620 },
        { createdBy: 'ENTRYPOINT ["/docker-entrypoint.sh"]', size: 0 },
        { createdBy: "EXPOSE map[80/tcp:{}]", size: 0 },
        { createdBy: "STOPSIGNAL SIGQUIT", size: 0 },
        { createdBy: 'CMD ["nginx" "-g" "daemon off;"]', size: 0 },
      ],
      files: [
        alpineRoot("3.20.3"),
        entries(
          {
            "/etc/nginx/nginx.conf": "user  nginx;\nworker_processes  auto;\n\nevents {\n    worker_connections  1024;\n}\n\nhttp {\n    include /etc/nginx/conf.d/*.conf;\n}\n",
            "/etc/nginx/conf.d/default.conf": "server {\n    listen       80;\n    server_name  localhost;\n    location / {\n        root   /usr/share/nginx/html;\n        index  index.html;\n    }\n}\n",
            "/usr/share/nginx/html/index.html": "<!DOCTYPE html>\n<html>\n<head><title>Welcome to nginx!</title></head>\n<body><h1>Welcome to nginx!</h1></body>\n</html>\n",
            "/usr/sbin/nginx": "\u007fELF (simulated nginx 1.27.3)\n",
          },
          ["/etc/nginx", "/etc/nginx/conf.d", "/usr/share/nginx", "/usr/share/nginx/html", "/var/cache/nginx"],
          { "/usr/sbin/nginx": 0o755 },
        ),
        entries({ "/docker-entrypoint.sh": "#!/bin/sh\nset -e\nexec \"$@\"\n" }, [], { "/docker-entrypoint.sh": 0o755 }),
      ],
    },
    {
      tags: ["redis:7-alpine", "redis:alpine"],
      idHex: "e4b1f3a6c8d0e2f4a6b8c0d2e4f6a8b0c2d4e6f8a0b2c4d6e8f0a2b4c6d8e0f2",
      digest: "c1e88455c85225310bbea54816e9c3f4b5295815e6dbf80c34d40afc6df28275",
      config: {
        Env: [PATH, "REDIS_VERSION=7.4.1"],
        Cmd: ["redis-server"],
        Entrypoint: ["docker-entrypoint.sh"],
        WorkingDir: "/data",
        User: "",
        Labels: null,
        ExposedPorts: { "6379/tcp": {} },
      },
      history: [
        { createdBy: "ADD alpine-minirootfs-3.20.3-x86_64.tar.gz / # buildkit", size: 7_797_760 },
        { createdBy: 'CMD ["/bin/sh"]', size: 0 },
        { createdBy: "RUN /bin/sh -c addgroup -S -g 1000 redis && adduser -S -G redis -u 999 redis # buildkit", size: 24_904_806 },
        { createdBy: "ENV REDIS_VERSION=7.4.1", size: 0 },
        { createdBy: "WORKDIR /data", size: 0 },
        { createdBy: "COPY docker-entrypoint.sh /usr/local/bin/ # buildkit", size: 2_048 },
        { createdBy: 'ENTRYPOINT ["docker-entrypoint.sh"]', size: 0 },
        { createdBy: "EXPOSE map[6379/tcp:{}]", size: 0 },
        { createdBy: 'CMD ["redis-server"]', size: 0 },
      ],
      files: [
        alpineRoot("3.20.3"),
        entries({ "/usr/local/bin/redis-server": "\u007fELF (simulated redis 7.4.1)\n" }, ["/data"], { "/usr/local/bin/redis-server": 0o755 }),
        entries({ "/usr/local/bin/docker-entrypoint.sh": "#!/bin/sh\nset -e\nexec \"$@\"\n" }, [], { "/usr/local/bin/docker-entrypoint.sh": 0o755 }),
      ],
    },
    {
      tags: ["busybox:latest", "busybox:1.37"],
      idHex: "af4709625109a3b2f6a5f3d4e1c2b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3",
      digest: "2919d0172f7524b2d8df9e50066a682669e6d170ac0f6a49676d54358fe970b5",
      config: { Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"], Cmd: ["sh"], Entrypoint: null, WorkingDir: "", User: "", Labels: null },
      history: [
        { createdBy: "BusyBox 1.37.0 (glibc), Debian 12", size: 4_269_056 },
        { createdBy: 'CMD ["sh"]', size: 0 },
      ],
      files: [
        entries(
          {
            "/etc/passwd": "root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n",
            "/etc/group": "root:x:0:\ndaemon:x:1:\nnobody:x:65534:\n",
            "/bin/sh": "\u007fELF (simulated busybox sh)\n",
          },
          ["/bin", "/dev", "/etc", "/home", "/lib", "/proc", "/root", "/run", "/sys", "/tmp", "/usr", "/usr/sbin", "/var"],
          { "/bin/sh": 0o755 },
        ),
      ],
    },
  ];
}

export interface CatalogueEntry {
  tags: string[];
  image: Image;
}

/** Fresh copies each call: an engine owns its images. */
export function baseImageCatalogue(): CatalogueEntry[] {
  return catalogue().map((spec) => ({ tags: spec.tags, image: build(spec) }));
}
