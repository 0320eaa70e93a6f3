/**
 * https://docs.docker.com/engine/storage/tmpfs/ replayed: a tmpfs mount with --mount and with
 * --tmpfs, what inspect shows for each, and tmpfs-mode.
 */
import { describe, it } from "vitest";
import { freshHost, replay } from "./replay.ts";

describe("docs: tmpfs mounts", () => {
  it("--mount type=tmpfs: inspect lists it in .Mounts; stop and rm", async () => {
    const host = freshHost();
    // The page shows no output for stop and rm; the CLI prints each container's name.
    await replay(host, `
$ docker run -d \\
  -it \\
  --name tmptest \\
  --mount type=tmpfs,destination=/app \\
  nginx:latest
...
$ docker inspect tmptest --format '{{ json .Mounts }}'
[{"Type":"tmpfs","Source":"","Destination":"/app","Mode":"","RW":true,"Propagation":""}]
$ docker stop tmptest
tmptest
$ docker rm tmptest
tmptest
`);
  });

  it("--tmpfs: HostConfig.Tmpfs holds it (not .Mounts); the default mode is 1777, tmpfs-mode=1770 as given", async () => {
    const host = freshHost();
    await replay(host, `
$ docker run -d \\
  -it \\
  --name tmptest \\
  --tmpfs /app \\
  nginx:latest
...
$ docker inspect tmptest --format '{{ json .HostConfig.Tmpfs }} {{ json .Mounts }}'
{"/app":""} []
$ docker exec tmptest stat -c '%a' /app
1777
$ docker rm -f tmptest
tmptest
$ docker run -d \\
  -it \\
  --name tmptest \\
  --mount type=tmpfs,destination=/app,tmpfs-mode=1770 \\
  nginx:latest
...
$ docker exec tmptest stat -c '%a' /app
1770
`);
  });
});
