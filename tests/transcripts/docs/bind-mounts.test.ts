/**
 * https://docs.docker.com/engine/storage/bind-mounts/ replayed: a missing source with --mount, a
 * bind mount and its .Mounts entry, a read-only one, and writes through the mount to the host.
 * Where the page predates Docker 28 the comment says what it shows.
 */
import { describe, it } from "vitest";
import { freshHost, replay } from "./replay.ts";

describe("docs: bind mounts", () => {
  it("--mount refuses a missing source; -v creates it as a directory", async () => {
    const host = freshHost();
    // The page ends the daemon's message with a period; Docker 28 prints none and adds the usage hint.
    await replay(host, `
$ docker run --mount type=bind,src=/dev/noexist,dst=/mnt/foo alpine
docker: Error response from daemon: invalid mount config for type "bind": bind source path does not exist: /dev/noexist
...
$ docker run --rm -v /doesnt/exist:/foo -w /foo alpine pwd
/foo
$ ls -d /doesnt/exist
/doesnt/exist
`);
  });

  it("start a container with a bind mount, inspect .Mounts, then read-only; rm -fv", async () => {
    const host = freshHost();
    await replay(host, `
$ mkdir -p /tmp/source/target && cd /tmp/source
$ docker run -d \\
  -it \\
  --name devtest \\
  --mount type=bind,source="$(pwd)"/target,target=/app \\
  nginx:latest
...
$ docker inspect devtest --format '{{json .Mounts}}'
[{"Type":"bind","Source":"/tmp/source/target","Destination":"/app","Mode":"","RW":true,"Propagation":"rprivate"}]
$ docker exec devtest sh -c 'echo built > /app/artifact.txt' && cat target/artifact.txt
built
$ docker container rm -fv devtest
devtest
$ docker run -d \\
  -it \\
  --name devtest \\
  -v "$(pwd)"/target:/app:ro \\
  nginx:latest
...
$ docker inspect devtest --format '{{json .Mounts}}'
[{"Type":"bind","Source":"/tmp/source/target","Destination":"/app","Mode":"ro","RW":false,"Propagation":"rprivate"}]
$ docker exec devtest sh -c 'touch /app/new 2>/dev/null || echo read-only'
read-only
$ docker container rm -fv devtest
devtest
`);
    // The page's "broken-container" (the host's /tmp over the image's /usr) is not replayed: the
    // simulated runtime does not resolve programs through /usr, and the page's error text is the
    // runtime's of 2017 ("oci runtime error: container_linux.go:262").
  });
});
