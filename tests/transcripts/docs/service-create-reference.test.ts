/**
 * Examples of the `docker service create` reference (docs.docker.com/reference/cli/docker/service/create/),
 * replayed: modes, replicas, secrets, configs, the rolling update policy, env, hostname, labels,
 * networks and published ports. The page shows only the id after each create: since Docker 17.10
 * create waits for the tasks and prints their progress after the id (`...` below), unless -d.
 * The page's tables have no PORTS column, which docker/cli has printed since 17.06.
 */
import { describe, it } from "vitest";
import { freshHost, replay } from "./replay.ts";

describe("docs: docker service create reference", () => {
  it("a replicated and a global service; --replicas=5", async () => {
    const host = freshHost();
    await replay(host, `
$ docker swarm init
...
$ docker service create --name redis redis:7.4.1
dmu1ept4cxcfe8k8lhtux3ro3
...
$ docker service create --mode global --name redis2 redis:7.4.1
a8q9dasaafudfs8q8w32udass
...
$ docker service ls
ID             NAME      MODE         REPLICAS   IMAGE         PORTS
dmu1ept4cxcf   redis     replicated   1/1        redis:7.4.1
a8q9dasaafud   redis2    global       1/1        redis:7.4.1
$ docker service rm redis redis2
redis
redis2
$ docker service create --name redis --replicas=5 redis:7.4.1
4cdgfyky7ozwh3htjfw0d12qv
...
$ docker service ls
ID             NAME      MODE         REPLICAS   IMAGE         PORTS
4cdgfyky7ozw   redis     replicated   5/5        redis:7.4.1
`);
  });

  it("--secret with the name, and with source, target, uid, gid and mode: files under /run/secrets", async () => {
    const host = freshHost();
    await replay(host, `
$ docker swarm init
...
$ printf x | docker secret create ssh-key -
...
$ printf y | docker secret create app-key -
...
$ docker service create --name redis \\
    --secret source=ssh-key,target=ssh \\
    --secret source=app-key,target=app,uid=1000,gid=1001,mode=0400 \\
    redis:7.4.1
4cdgfyky7ozwh3htjfw0d12qv
...
$ docker exec $(docker ps -q --filter name=redis) stat -c '%n %u %g %a' /run/secrets/ssh /run/secrets/app
/run/secrets/ssh 0 0 444
/run/secrets/app 1000 1001 400
`);
  });

  it("--config at /<name> by default, and at the target with its mode", async () => {
    const host = freshHost();
    await replay(host, `
$ docker swarm init
...
$ printf 'maxmemory 2mb\\n' | docker config create redis-conf -
...
$ docker service create --name=redis --config redis-conf redis:7.4.1
...
$ docker exec $(docker ps -q --filter name=redis) stat -c '%n %a' /redis-conf
/redis-conf 444
$ docker service rm redis
redis
$ docker service create --name redis \\
  --config source=redis-conf,target=/etc/redis/redis.conf,mode=0400 redis:7.4.1
...
$ docker exec $(docker ps -q --filter name=redis) sh -c 'stat -c "%n %a" /etc/redis/redis.conf; cat /etc/redis/redis.conf'
/etc/redis/redis.conf 400
maxmemory 2mb
`);
  });

  it("rolling update policy, env, hostname and labels are in the spec", async () => {
    const host = freshHost();
    await replay(host, `
$ docker swarm init
...
$ docker service create \\
  --replicas 10 \\
  --name redis \\
  --update-delay 10s \\
  --update-parallelism 2 \\
  redis:7.4.1
...
$ docker service inspect --format '{{.Spec.UpdateConfig.Parallelism}} {{.Spec.UpdateConfig.Delay}}' redis
2 10000000000
$ docker service create \\
  --name redis_2 \\
  --replicas 5 \\
  --env MYVAR=foo \\
  --env MYVAR2=bar \\
  redis:7.4.1
...
$ docker service inspect --format '{{.Spec.TaskTemplate.ContainerSpec.Env}}' redis_2
[MYVAR=foo MYVAR2=bar]
$ docker service create --name redis_3 --hostname myredis redis:7.4.1
...
$ docker exec $(docker ps -q --filter name=redis_3) hostname
myredis
$ docker service create \\
  --name redis_4 \\
  --label com.example.foo="bar" \\
  --label bar=baz \\
  redis:7.4.1
...
$ docker service inspect --format '{{json .Spec.Labels}}' redis_4
{"bar":"baz","com.example.foo":"bar"}
`);
  });

  it("--network joins an overlay; --publish in short and long form", async () => {
    const host = freshHost();
    await replay(host, `
$ docker swarm init
...
$ docker network create --driver overlay my-network
etjpu59cykrptrgw0z0hk5snf
$ docker service create \\
  --replicas 3 \\
  --network my-network \\
  --name my-web \\
  nginx
716thylsndqma81j6kkkb5aus
...
$ docker network inspect -f '{{len .Containers}}' my-network
3
$ docker service create --name my_web --replicas 3 --publish 8080:80 nginx
...
$ docker service create --name my_web2 --replicas 3 --publish published=8081,target=80 nginx
...
$ docker service ls --format '{{.Name}} {{.Ports}}'
my-web
my_web *:8080->80/tcp
my_web2 *:8081->80/tcp
`);
  });
});
