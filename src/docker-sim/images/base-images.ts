/**
 * The registry the simulator can "pull" from: a few real base images with plausible (fake) ids,
 * sizes, history and a handful of files each, so `ls`, `cat /etc/os-release` and `node` work.
 */
import type { Layer } from "../fs/layer.ts";
import type { MemoryEntry } from "../fs/memory-fs.ts";
import type { HistoryEntry, Image, ImageConfig } from "./image.ts";
import { fakeDigest } from "../engine/ids.ts";

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

const DEBIAN_DIRS = ["/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/media", "/mnt", "/opt", "/proc", "/root", "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr", "/usr/bin", "/usr/lib", "/usr/local", "/usr/local/bin", "/usr/sbin", "/var", "/var/log"];

/** A Debian or Ubuntu root file system: unlike Alpine's, it ships bash. */
function debianRoot(distro: "debian" | "ubuntu"): Map<string, MemoryEntry> {
  const release =
    distro === "debian"
      ? 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL="https://www.debian.org/"\n'
      : 'PRETTY_NAME="Ubuntu 24.04.1 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nVERSION="24.04.1 LTS (Noble Numbat)"\nVERSION_CODENAME=noble\nID=ubuntu\nID_LIKE=debian\nHOME_URL="https://www.ubuntu.com/"\n';
  return entries(
    {
      "/etc/os-release": release,
      "/etc/debian_version": distro === "debian" ? "12.8\n" : "trixie/sid\n",
      "/etc/passwd": "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nbin:x:2:2:bin:/bin:/usr/sbin/nologin\nsys:x:3:3:sys:/dev:/usr/sbin/nologin\nwww-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n",
      "/etc/group": "root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:\ntty:x:5:\nwww-data:x:33:\nstaff:x:50:\nusers:x:100:\nnogroup:x:65534:\n",
      "/etc/hostname": "localhost\n",
      "/bin/bash": "\u007fELF (simulated bash)\n",
      "/bin/sh": "\u007fELF (simulated dash)\n",
    },
    DEBIAN_DIRS,
    { "/bin/bash": 0o755, "/bin/sh": 0o755 },
  );
}

const DEBIAN_ROOTFS = "# debian.sh --arch 'amd64' out/ 'bookworm' '@1733097600'";
const UBUNTU_ROOTFS = "ADD file:bcebbf0fddcba5b864d5d267b68dd23bcfb01275e6ec7bcab69bf8b56af14804 in / ";

interface OfficialSpec {
  tags: string[];
  base: "debian" | "ubuntu" | "alpine";
  env?: string[];
  cmd: string[];
  entrypoint?: string[];
  workdir?: string;
  ports?: string[];
  stopSignal?: string;
  /** The image's own steps after its base, with the layer sizes Docker Hub shows. */
  steps: { createdBy: string; size: number }[];
  /** Files the image's own layer adds (executables are 0755). */
  files: Record<string, string>;
  dirs?: string[];
}

/** An official image in the offline catalogue, from its tags, base and a few of its real steps. */
function official(spec: OfficialSpec): BaseSpec {
  const name = spec.tags[0]!;
  const rootStep =
    spec.base === "debian"
      ? [{ createdBy: DEBIAN_ROOTFS, size: 74_800_000 }, { createdBy: 'CMD ["bash"]', size: 0 }]
      : spec.base === "ubuntu"
        ? [{ createdBy: UBUNTU_ROOTFS, size: 78_100_000 }, { createdBy: 'CMD ["/bin/bash"]', size: 0 }]
        : [{ createdBy: "ADD alpine-minirootfs-3.20.3-x86_64.tar.gz / # buildkit", size: 7_797_760 }, { createdBy: 'CMD ["/bin/sh"]', size: 0 }];
  const root = spec.base === "alpine" ? alpineRoot("3.20.3") : debianRoot(spec.base);
  const exec = Object.fromEntries(Object.keys(spec.files).filter((f) => /\/(s?bin|docker-entrypoint\.sh)|^\/hello$/.test(f) || f.endsWith(".sh")).map((f) => [f, 0o755]));
  const own = entries(spec.files, spec.dirs ?? [], exec);
  const isBaseOnly = spec.steps.length === 0;
  return {
    tags: spec.tags,
    idHex: fakeDigest(`image ${name}`),
    digest: fakeDigest(`digest ${name}`),
    config: {
      Env: [PATH, ...(spec.env ?? [])],
      Cmd: spec.cmd,
      Entrypoint: spec.entrypoint ?? null,
      WorkingDir: spec.workdir ?? "",
      User: "",
      Labels: null,
      ...(spec.ports ? { ExposedPorts: Object.fromEntries(spec.ports.map((p) => [p, {}])) } : {}),
      ...(spec.stopSignal ? { StopSignal: spec.stopSignal } : {}),
    },
    history: isBaseOnly ? [rootStep[0]!, { createdBy: `CMD ${JSON.stringify(spec.cmd).replace(/,/g, " ")}`, size: 0 }] : [...rootStep, ...spec.steps],
    files: isBaseOnly ? [new Map([...root, ...own])] : [root, own],
  };
}

const entrypoint = (body: string): string => `#!/usr/bin/env bash\nset -Eeo pipefail\n${body}exec "$@"\n`;
const HELLO =
  "\nHello from Docker!\nThis message shows that your installation appears to be working correctly.\n\nTo generate this message, Docker took the following steps:\n 1. The Docker client contacted the Docker daemon.\n 2. The Docker daemon pulled the \"hello-world\" image from the Docker Hub.\n    (amd64)\n 3. The Docker daemon created a new container from that image which runs the\n    executable that produces the output you are currently reading.\n 4. The Docker daemon streamed that output to the Docker client, which sent it\n    to your terminal.\n\nTo try something more ambitious, you can run an Ubuntu container with:\n $ docker run -it ubuntu bash\n\nShare images, automate workflows, and more with a free Docker ID:\n https://hub.docker.com/\n\nFor more examples and ideas, visit:\n https://docs.docker.com/get-started/\n\n";

/** The text hello-world's /hello prints (its whole program). */
export const HELLO_WORLD_TEXT = HELLO;

function officialImages(): BaseSpec[] {
  return [
    official({ tags: ["debian:latest", "debian:bookworm", "debian:12"], base: "debian", cmd: ["bash"], steps: [], files: {} }),
    official({ tags: ["ubuntu:latest", "ubuntu:24.04", "ubuntu:noble"], base: "ubuntu", cmd: ["/bin/bash"], steps: [], files: {} }),
    official({
      tags: ["nginx:latest", "nginx:1.27", "nginx:1.27.3", "nginx:bookworm", "nginx:mainline"],
      base: "debian",
      env: ["NGINX_VERSION=1.27.3", "NJS_VERSION=0.8.7", "NJS_RELEASE=1~bookworm", "PKG_RELEASE=1~bookworm", "DYNPKG_RELEASE=1~bookworm"],
      entrypoint: ["/docker-entrypoint.sh"],
      cmd: ["nginx", "-g", "daemon off;"],
      ports: ["80/tcp"],
      stopSignal: "SIGQUIT",
      steps: [
        { createdBy: "LABEL maintainer=NGINX Docker Maintainers <docker-maint@nginx.com>", size: 0 },
        { createdBy: "ENV NGINX_VERSION=1.27.3", size: 0 },
        { createdBy: "RUN /bin/sh -c set -x     && groupadd --system --gid 101 nginx     && useradd --system --gid nginx --no-create-home --home /nonexistent --comment \"nginx user\" --shell /bin/false --uid 101 nginx # buildkit", size: 117_000_000 },
        { createdBy: "COPY docker-entrypoint.sh / # buildkit", size: 1_620 },
        { createdBy: 'ENTRYPOINT ["/docker-entrypoint.sh"]', size: 0 },
        { createdBy: "EXPOSE map[80/tcp:{}]", size: 0 },
        { createdBy: "STOPSIGNAL SIGQUIT", size: 0 },
        { createdBy: 'CMD ["nginx" "-g" "daemon off;"]', size: 0 },
      ],
      files: {
        "/etc/nginx/nginx.conf": "user  nginx;\nworker_processes  auto;\n\nevents {\n    worker_connections  1024;\n}\n\nhttp {\n    include /etc/nginx/conf.d/*.conf;\n}\n",
        "/etc/nginx/conf.d/default.conf": "server {\n    listen       80;\n    server_name  localhost;\n    location / {\n        root   /usr/share/nginx/html;\n        index  index.html;\n    }\n}\n",
        "/usr/share/nginx/html/index.html": "<!DOCTYPE html>\n<html>\n<head><title>Welcome to nginx!</title></head>\n<body><h1>Welcome to nginx!</h1></body>\n</html>\n",
        "/usr/sbin/nginx": "\u007fELF (simulated nginx 1.27.3)\n",
        "/docker-entrypoint.sh": "#!/bin/sh\nset -e\nexec \"$@\"\n",
      },
      dirs: ["/etc/nginx", "/etc/nginx/conf.d", "/usr/share/nginx", "/usr/share/nginx/html", "/var/cache/nginx"],
    }),
    official({
      tags: ["redis:latest", "redis:7", "redis:7.4", "redis:7.4.1", "redis:bookworm"],
      base: "debian",
      env: ["REDIS_VERSION=7.4.1"],
      entrypoint: ["docker-entrypoint.sh"],
      cmd: ["redis-server"],
      workdir: "/data",
      ports: ["6379/tcp"],
      steps: [
        { createdBy: "RUN /bin/sh -c set -eux; \tgroupadd -r -g 999 redis; \tuseradd -r -g redis -u 999 redis # buildkit", size: 4_300 },
        { createdBy: "ENV REDIS_VERSION=7.4.1", size: 0 },
        { createdBy: "WORKDIR /data", size: 0 },
        { createdBy: "COPY docker-entrypoint.sh /usr/local/bin/ # buildkit", size: 661 },
        { createdBy: 'ENTRYPOINT ["docker-entrypoint.sh"]', size: 0 },
        { createdBy: "EXPOSE map[6379/tcp:{}]", size: 0 },
        { createdBy: 'CMD ["redis-server"]', size: 0 },
      ],
      files: { "/usr/local/bin/redis-server": "\u007fELF (simulated redis 7.4.1)\n", "/usr/local/bin/redis-cli": "\u007fELF (simulated redis-cli 7.4.1)\n", "/usr/local/bin/docker-entrypoint.sh": entrypoint("") },
      dirs: ["/data"],
    }),
    official({
      tags: ["postgres:latest", "postgres:17", "postgres:17.2", "postgres:bookworm"],
      base: "debian",
      env: ["GOSU_VERSION=1.17", "LANG=en_US.utf8", "PG_MAJOR=17", "PG_VERSION=17.2-1.pgdg120+1", "PGDATA=/var/lib/postgresql/data"],
      entrypoint: ["docker-entrypoint.sh"],
      cmd: ["postgres"],
      ports: ["5432/tcp"],
      stopSignal: "SIGINT",
      steps: [
        { createdBy: "RUN /bin/sh -c set -eux; \tgroupadd -r postgres --gid=999; \tuseradd -r -g postgres --uid=999 --home-dir=/var/lib/postgresql --shell=/bin/bash postgres # buildkit", size: 332_000_000 },
        { createdBy: "ENV PGDATA=/var/lib/postgresql/data", size: 0 },
        { createdBy: 'VOLUME [/var/lib/postgresql/data]', size: 0 },
        { createdBy: "COPY docker-entrypoint.sh docker-ensure-initdb.sh /usr/local/bin/ # buildkit", size: 16_400 },
        { createdBy: 'ENTRYPOINT ["docker-entrypoint.sh"]', size: 0 },
        { createdBy: "STOPSIGNAL SIGINT", size: 0 },
        { createdBy: "EXPOSE map[5432/tcp:{}]", size: 0 },
        { createdBy: 'CMD ["postgres"]', size: 0 },
      ],
      files: { "/usr/lib/postgresql/17/bin/postgres": "\u007fELF (simulated postgres 17.2)\n", "/usr/bin/psql": "\u007fELF (simulated psql 17.2)\n", "/usr/local/bin/docker-entrypoint.sh": entrypoint("") },
      dirs: ["/var/lib/postgresql", "/var/lib/postgresql/data", "/docker-entrypoint-initdb.d"],
    }),
    official({
      tags: ["mysql:latest", "mysql:9", "mysql:9.1", "mysql:9.1.0", "mysql:lts", "mysql:8.4"],
      base: "debian",
      env: ["GOSU_VERSION=1.17", "MYSQL_MAJOR=innovation", "MYSQL_VERSION=9.1.0-1.el9", "MYSQL_SHELL_VERSION=9.1.0-1.el9"],
      entrypoint: ["docker-entrypoint.sh"],
      cmd: ["mysqld"],
      ports: ["3306/tcp", "33060/tcp"],
      steps: [
        { createdBy: "RUN /bin/sh -c set -eux; \tgroupadd --system --gid 999 mysql; \tuseradd --system --uid 999 --gid 999 --home-dir /var/lib/mysql --no-create-home mysql # buildkit", size: 480_000_000 },
        { createdBy: "VOLUME [/var/lib/mysql]", size: 0 },
        { createdBy: "COPY docker-entrypoint.sh /usr/local/bin/ # buildkit", size: 16_700 },
        { createdBy: 'ENTRYPOINT ["docker-entrypoint.sh"]', size: 0 },
        { createdBy: "EXPOSE map[3306/tcp:{} 33060/tcp:{}]", size: 0 },
        { createdBy: 'CMD ["mysqld"]', size: 0 },
      ],
      files: { "/usr/sbin/mysqld": "\u007fELF (simulated mysqld 9.1.0)\n", "/usr/bin/mysql": "\u007fELF (simulated mysql client)\n", "/usr/local/bin/docker-entrypoint.sh": entrypoint("") },
      dirs: ["/var/lib/mysql", "/docker-entrypoint-initdb.d"],
    }),
    official({
      tags: ["mariadb:latest", "mariadb:11", "mariadb:11.6", "mariadb:11.6.2", "mariadb:lts", "mariadb:11.4"],
      base: "ubuntu",
      env: ["GOSU_VERSION=1.17", "LANG=C.UTF-8", "MARIADB_VERSION=1:11.6.2+maria~ubu2404"],
      entrypoint: ["docker-entrypoint.sh"],
      cmd: ["mariadbd"],
      ports: ["3306/tcp"],
      steps: [
        { createdBy: "RUN /bin/sh -c groupadd -r mysql && useradd -r -g mysql mysql --home-dir /var/lib/mysql # buildkit", size: 329_000_000 },
        { createdBy: "VOLUME [/var/lib/mysql]", size: 0 },
        { createdBy: "COPY docker-entrypoint.sh /usr/local/bin/ # buildkit", size: 25_000 },
        { createdBy: 'ENTRYPOINT ["docker-entrypoint.sh"]', size: 0 },
        { createdBy: "EXPOSE map[3306/tcp:{}]", size: 0 },
        { createdBy: 'CMD ["mariadbd"]', size: 0 },
      ],
      files: { "/usr/sbin/mariadbd": "\u007fELF (simulated mariadbd 11.6.2)\n", "/usr/bin/mariadb": "\u007fELF (simulated mariadb client)\n", "/usr/local/bin/docker-entrypoint.sh": entrypoint("") },
      dirs: ["/var/lib/mysql", "/docker-entrypoint-initdb.d"],
    }),
    official({
      tags: ["wordpress:latest", "wordpress:6", "wordpress:6.7", "wordpress:6.7.1", "wordpress:apache"],
      base: "debian",
      env: ["PHP_VERSION=8.2.26", "PHP_INI_DIR=/usr/local/etc/php", "APACHE_CONFDIR=/etc/apache2"],
      entrypoint: ["docker-entrypoint.sh"],
      cmd: ["apache2-foreground"],
      workdir: "/var/www/html",
      ports: ["80/tcp"],
      stopSignal: "SIGWINCH",
      steps: [
        { createdBy: "RUN /bin/sh -c set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends apache2 # buildkit", size: 620_000_000 },
        { createdBy: "WORKDIR /var/www/html", size: 0 },
        { createdBy: "VOLUME [/var/www/html]", size: 0 },
        { createdBy: "COPY docker-entrypoint.sh /usr/local/bin/ # buildkit", size: 6_200 },
        { createdBy: 'ENTRYPOINT ["docker-entrypoint.sh"]', size: 0 },
        { createdBy: "STOPSIGNAL SIGWINCH", size: 0 },
        { createdBy: "EXPOSE map[80/tcp:{}]", size: 0 },
        { createdBy: 'CMD ["apache2-foreground"]', size: 0 },
      ],
      files: { "/usr/local/bin/apache2-foreground": "#!/bin/bash\nexec apache2 -DFOREGROUND \"$@\"\n", "/usr/src/wordpress/wp-config-docker.php": "<?php\n// getenv_docker('WORDPRESS_DB_PASSWORD', '') reads WORDPRESS_DB_PASSWORD or WORDPRESS_DB_PASSWORD_FILE\n", "/usr/local/bin/docker-entrypoint.sh": entrypoint("") },
      dirs: ["/var/www", "/var/www/html", "/usr/src/wordpress"],
    }),
    official({
      tags: ["python:latest", "python:3", "python:3.13", "python:3.13.1", "python:bookworm"],
      base: "debian",
      env: ["LANG=C.UTF-8", "GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305", "PYTHON_VERSION=3.13.1", "PYTHON_SHA256=9cf9427bee9e2242e3877dd0f6b641c1853ca461f39d6503ce260a59c80bf0d9"],
      cmd: ["python3"],
      steps: [
        { createdBy: "ENV PYTHON_VERSION=3.13.1", size: 0 },
        { createdBy: "RUN /bin/sh -c set -eux; \t\twget -O python.tar.xz \"https://www.python.org/ftp/python/${PYTHON_VERSION%%[a-z]*}/Python-$PYTHON_VERSION.tar.xz\"; \t./configure --enable-optimizations; \tmake install # buildkit", size: 940_000_000 },
        { createdBy: 'CMD ["python3"]', size: 0 },
      ],
      files: { "/usr/local/bin/python3": "\u007fELF (simulated Python 3.13.1)\n", "/usr/local/bin/python": "\u007fELF (simulated Python 3.13.1)\n", "/usr/local/bin/pip": "#!/usr/local/bin/python3 (simulated pip)\n" },
    }),
    official({
      tags: ["node:22", "node:lts", "node:22.12", "node:22.12.0", "node:jod", "node:22-bookworm", "node:lts-bookworm"],
      base: "debian",
      env: ["NODE_VERSION=22.12.0", "YARN_VERSION=1.22.22"],
      entrypoint: ["docker-entrypoint.sh"],
      cmd: ["node"],
      steps: [
        { createdBy: "RUN /bin/sh -c groupadd --gid 1000 node   && useradd --uid 1000 --gid node --shell /bin/bash --create-home node # buildkit", size: 8_900 },
        { createdBy: "ENV NODE_VERSION=22.12.0", size: 0 },
        { createdBy: "RUN /bin/sh -c ARCH= && dpkgArch=\"$(dpkg --print-architecture)\"   && curl -fsSLO --compressed \"https://nodejs.org/dist/v$NODE_VERSION/node-v$NODE_VERSION-linux-$ARCH.tar.xz\" # buildkit", size: 1_000_000_000 },
        { createdBy: "ENV YARN_VERSION=1.22.22", size: 0 },
        { createdBy: "COPY docker-entrypoint.sh /usr/local/bin/ # buildkit", size: 388 },
        { createdBy: 'ENTRYPOINT ["docker-entrypoint.sh"]', size: 0 },
        { createdBy: 'CMD ["node"]', size: 0 },
      ],
      files: {
        "/usr/local/bin/node": "\u007fELF (simulated node v22.12.0)\n",
        "/usr/local/bin/docker-entrypoint.sh": '#!/bin/sh\nset -e\n\n# Run command with node if the first argument contains a "-" or is not a system command.\nexec "$@"\n',
        "/etc/passwd": "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nwww-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\nnode:x:1000:1000::/home/node:/bin/bash\n",
        "/etc/group": "root:x:0:\ndaemon:x:1:\nwww-data:x:33:\nstaff:x:50:\nusers:x:100:\nnogroup:x:65534:\nnode:x:1000:\n",
      },
      dirs: ["/home/node", "/usr/local/lib", "/usr/local/lib/node_modules"],
    }),
    {
      tags: ["hello-world:latest", "hello-world:linux"],
      idHex: fakeDigest("image hello-world"),
      digest: fakeDigest("digest hello-world"),
      config: { Env: [PATH], Cmd: ["/hello"], Entrypoint: null, WorkingDir: "/", User: "", Labels: null },
      history: [
        { createdBy: "COPY hello / # buildkit", size: 13_256 },
        { createdBy: 'CMD ["/hello"]', size: 0 },
      ],
      files: [entries({ "/hello": "\u007fELF (simulated hello)\n" }, [], { "/hello": 0o755 })],
    },
    official({
      tags: ["docker:latest", "docker:27", "docker:27.4", "docker:dind", "docker:cli"],
      base: "alpine",
      env: ["DOCKER_VERSION=27.4.0", "DOCKER_TLS_CERTDIR=/certs"],
      entrypoint: ["dockerd-entrypoint.sh"],
      cmd: [],
      ports: ["2375/tcp", "2376/tcp"],
      steps: [
        { createdBy: "ENV DOCKER_VERSION=27.4.0", size: 0 },
        { createdBy: "RUN /bin/sh -c set -eux; \tapk add --no-cache ca-certificates openssh-client git # buildkit", size: 120_000_000 },
        { createdBy: "COPY dockerd-entrypoint.sh /usr/local/bin/ # buildkit", size: 6_700 },
        { createdBy: "VOLUME [/var/lib/docker]", size: 0 },
        { createdBy: "EXPOSE map[2375/tcp:{} 2376/tcp:{}]", size: 0 },
        { createdBy: 'ENTRYPOINT ["dockerd-entrypoint.sh"]', size: 0 },
        { createdBy: "CMD []", size: 0 },
      ],
      files: { "/usr/local/bin/dockerd": "\u007fELF (simulated dockerd 27.4.0)\n", "/usr/local/bin/docker": "\u007fELF (simulated docker 27.4.0)\n", "/usr/local/bin/dockerd-entrypoint.sh": "#!/bin/sh\nset -eu\nexec dockerd \"$@\"\n" },
    }),
  ];
}

export interface CatalogueEntry {
  tags: string[];
  image: Image;
}

/** Fresh copies each call: an engine owns its images. */
export function baseImageCatalogue(): CatalogueEntry[] {
  return [...catalogue(), ...officialImages()].map((spec) => ({ tags: spec.tags, image: build(spec) }));
}
