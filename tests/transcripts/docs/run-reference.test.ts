/**
 * Examples of the `docker run` reference (docs.docker.com/reference/cli/docker/container/run/ and
 * the exit status section of docs.docker.com/engine/containers/run/), replayed. Where a page is
 * older than Docker 28 the expected lines follow current Docker and the comment says so.
 */
import { describe, it } from "vitest";
import { freshHost, replay } from "./replay.ts";

describe("docs: docker run reference", () => {
  it("--name, then ps, stop and rm by name; a user-defined network", async () => {
    const host = freshHost();
    await replay(host, `
$ docker run --name test -d nginx:alpine
...
4bed76d3ad428b889c56c1ecc2bf2ed95cb08256db22dc5ef5863e1d03252a19
$ docker ps
CONTAINER ID   IMAGE          COMMAND                  CREATED        STATUS                  PORTS     NAMES
4bed76d3ad42   nginx:alpine   "/docker-entrypoint.…"   1 second ago   Up Less than a second   80/tcp    test
$ docker stop test
test
$ docker rm test
test
$ docker network create mynet
cb79f45948d87e389e12013fa4d969689ed2c3316985dd832a43aaec9a0fe394
$ docker run --name test --net mynet -d nginx:alpine
58df6ecfbc2ad7c42d088ed028d367f9e22a5f834d7c74c66c0ab0485626c32a
$ docker inspect -f '{{.NetworkSettings.Networks.mynet.IPAddress}}' test
172.18.0.2
`);
    // The page then pings "test" by name from busybox: the simulator models no packets, so the
    // address the page's ping resolves (172.18.0.2) is checked with inspect instead.
  });

  it("--cidfile, --read-only with a volume, --pull=never, --env and --env-file, --add-host", async () => {
    const host = freshHost();
    await replay(host, `
$ docker run --cidfile /tmp/docker_test.cid ubuntu echo "test"
...
test
$ docker run --read-only -v /icanwrite busybox touch /icanwrite/here
$ docker run --read-only busybox touch /here
touch: /here: Read-only file system
$ docker run --read-only --mount type=volume,target=/icanwrite busybox touch /icanwrite/here
$ docker run --env VAR1=value1 --env VAR2=value2 ubuntu env | grep VAR
VAR1=value1
VAR2=value2
$ export VAR1=value1
$ export VAR2=value2
$ docker run --env VAR1 --env VAR2 ubuntu env | grep VAR
VAR1=value1
VAR2=value2
$ printf '# This is a comment\\nVAR1=value1\\nVAR2=value2\\nUSER\\n' > env.list
$ export USER=jonzeolla
$ docker run --env-file env.list ubuntu env | grep -E 'VAR|USER'
VAR1=value1
VAR2=value2
USER=jonzeolla
$ docker run --add-host=my-hostname=8.8.8.8 --rm alpine grep my-hostname /etc/hosts
8.8.8.8	my-hostname
`);
    // The page's hello-world is in this engine's store from the start, so it is removed first.
    // The page ends the line with a period ("hello-world:latest."); Docker 28 prints none.
    await replay(host, `
$ docker rmi hello-world
...
$ docker run --pull=never hello-world
docker: Error response from daemon: No such image: hello-world:latest
...
`);
  });

  it("exit status: 125, 126, 127 and the command's own", async () => {
    const host = freshHost();
    // The page predates Docker 20: an unknown flag is now pflag's "unknown flag: --foo" with the
    // usage, and the daemon's words for 126 and 127 are runc's (permission denied / executable file
    // not found); the exit codes are the page's.
    await replay(host, `
$ docker run --foo busybox; echo $?
unknown flag: --foo
...
125
$ docker run busybox /etc; echo $?
docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "/etc": permission denied: unknown
...
126
$ docker run busybox foo; echo $?
docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "foo": executable file not found in $PATH: unknown
...
127
$ docker run busybox /bin/sh -c 'exit 3'
$ echo $?
3
`);
  });
});
