/**
 * Examples of the `docker service` reference pages (docs.docker.com/reference/cli/docker/service/
 * scale, rollback, ls), replayed. Where a page is older than Docker 28 the expected lines follow
 * current Docker and the comment says what the page shows.
 */
import { describe, it } from "vitest";
import { freshHost, replay } from "./replay.ts";

describe("docs: docker service reference", () => {
  it("service rollback: one replica, three, and back to one; PORTS shows the published port", async () => {
    const host = freshHost();
    // The page shows no output for create, update and rollback: since Docker 17.10 they wait for the
    // service to converge and print the id (or name) and the progress, as here. The page's columns
    // are padded to 20 characters (the formatter before 17.06); docker/cli's tabwriter pads 3.
    await replay(host, `
$ docker swarm init
...
$ docker service create --name my-service -p 8080:80 nginx:alpine
...
$ docker service ls
ID             NAME         MODE         REPLICAS   IMAGE          PORTS
xbw728mf6q0d   my-service   replicated   1/1        nginx:alpine   *:8080->80/tcp
$ docker service update --replicas=3 my-service
my-service
...
$ docker service ls
ID             NAME         MODE         REPLICAS   IMAGE          PORTS
xbw728mf6q0d   my-service   replicated   3/3        nginx:alpine   *:8080->80/tcp
$ docker service rollback my-service
my-service
rollback: manually requested rollback
...
verify: Service converged
$ docker service ls
ID             NAME         MODE         REPLICAS   IMAGE          PORTS
xbw728mf6q0d   my-service   replicated   1/1        nginx:alpine   *:8080->80/tcp
`);
  });

  it("service scale: one service, a global one refused, several at once", async () => {
    const host = freshHost();
    // The page's services run images it never names (frontend nginx:alpine, backend redis:7.4.1, and
    // a global "backend:latest" no registry has); these are created first, with catalogue images.
    // The page shows "frontend scaled to 50" alone: docker/cli waits for convergence unless -d, so the
    // progress follows. The page's tables have no PORTS column (docker/cli has printed it since 17.06).
    await replay(host, `
$ docker swarm init
...
$ docker service create -d --name frontend nginx:alpine
...
$ docker service scale frontend=50
frontend scaled to 50
...
verify: Service converged
$ docker service create -d --mode global --name global-backend redis:7-alpine
b4g08uwuairexjub6ome6usqh
$ docker service scale global-backend=10
global-backend: scale can only be used with replicated or replicated-job mode
$ docker service ls --filter name=frontend
ID             NAME       MODE         REPLICAS   IMAGE          PORTS
3pr5mlvu3fh9   frontend   replicated   50/50      nginx:alpine
$ docker service rm global-backend
global-backend
$ docker service create -d --name backend redis:7-alpine
...
$ docker service scale -d backend=3 frontend=5
backend scaled to 3
frontend scaled to 5
$ docker service ls
ID             NAME       MODE         REPLICAS   IMAGE            PORTS
74nzcxxjv6fq   backend    replicated   3/3        redis:7-alpine
3pr5mlvu3fh9   frontend   replicated   5/5        nginx:alpine
`);
  });
});
