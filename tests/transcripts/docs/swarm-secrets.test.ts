/**
 * https://docs.docker.com/engine/swarm/secrets/ "Simple example: Get started with secrets",
 * replayed. Where the page is older than Docker 28 the expected line follows current Docker, and
 * the comment above it says what the page shows. The node is this simulator's one node,
 * "docker-desktop" (the page ran on "ip-172-31-46-109").
 */
import { describe, it } from "vitest";
import { freshHost, replay } from "./replay.ts";

describe("docs: Manage sensitive data with Docker secrets (swarm tutorial)", () => {
  it("steps 1 to 9 with the redis service", async () => {
    const host = freshHost();
    await replay(host, `
$ docker swarm init
...
$ printf "This is a secret" | docker secret create my_secret_data -
wwwrxza8sxy025bas86593fqs
$ docker service create --name redis --secret my_secret_data redis:alpine
...
$ docker service ps redis
ID            NAME     IMAGE         NODE              DESIRED STATE  CURRENT STATE          ERROR  PORTS
bkna6bpn8r1a  redis.1  redis:alpine  docker-desktop  Running        Running 8 seconds ago
`);
    // The page shows "17 Dec 13 22:48": printf writes the 16 bytes of "This is a secret", and
    // the file's time is when the task started (the pinned clock here).
    await replay(host, `
$ docker container exec $(docker ps --filter name=redis -q) ls -l /run/secrets
total 4
-r--r--r--    1 root     root            16 Jan 15 09:30 my_secret_data
$ docker container exec $(docker ps --filter name=redis -q) cat /run/secrets/my_secret_data
This is a secret
`);
    // The page shows the gRPC code as a number ("code = 3") on two lines; Docker since 20.10
    // names it: "code = InvalidArgument", on one line.
    await replay(host, `
$ docker secret ls
ID                          NAME             DRIVER    CREATED          UPDATED
wwwrxza8sxy025bas86593fqs   my_secret_data             Less than a second ago   Less than a second ago
$ docker secret rm my_secret_data
Error response from daemon: rpc error: code = InvalidArgument desc = secret 'my_secret_data' is in use by the following service: redis
$ docker service update --secret-rm my_secret_data redis
redis
overall progress: 1 out of 1 tasks
1/1: running   [==================================================>]
verify: Service converged
$ docker container exec -it $(docker ps --filter name=redis -q) cat /run/secrets/my_secret_data
cat: can't open '/run/secrets/my_secret_data': No such file or directory
$ docker service rm redis
redis
$ docker secret rm my_secret_data
my_secret_data
`);
  });

  it("step 5: a committed task container has no /run/secrets (the secret is on a tmpfs, not in a layer)", async () => {
    const host = freshHost();
    await replay(host, `
$ docker swarm init
...
$ printf "This is a secret" | docker secret create my_secret_data -
wwwrxza8sxy025bas86593fqs
$ docker service create --name redis --secret my_secret_data redis:alpine
...
$ docker commit $(docker ps --filter name=redis -q) committed_redis
sha256:3d1c3ee3f3b5bd6e8c1d7d4a7c0f4cf7b7eb8e1d7a7b2bb1b3b5c7d9e1f3a5b7
$ docker run --rm -it committed_redis cat /run/secrets/my_secret_data
cat: can't open '/run/secrets/my_secret_data': No such file or directory
`);
  });
});
