/**
 * Examples of the `docker network ls` and `docker config create` reference pages, replayed. The
 * network page's tables are padded to 20 characters and unsorted (Docker before 17.06); docker/cli
 * sorts networks by name and pads columns by 3, as the expected lines here do.
 */
import { describe, it } from "vitest";
import { freshHost, replay } from "./replay.ts";

describe("docs: docker network ls reference", () => {
  it("all networks with a swarm overlay; --no-trunc; --filter driver and id (whole, prefix)", async () => {
    const host = freshHost();
    // With a swarm, Docker also lists ingress and docker_gwbridge, which the page leaves out.
    await replay(host, `
$ docker swarm init
...
$ docker network create -d overlay multi-host
...
$ docker network ls
NETWORK ID     NAME              DRIVER    SCOPE
7fca4eb8c647   bridge            bridge    local
9f904ee27bf5   docker_gwbridge   bridge    local
cf03ee007fb4   host              host      local
78b03ee04fc5   ingress           overlay   swarm
78b03ee04fc4   multi-host        overlay   swarm
9f904ee27bf6   none              null      local
$ docker swarm leave --force
...
$ docker network create foo
95e74588f40db048e86320c6526440c504650a1ff3e9f7d60a497c4d2163e5bd
$ docker network create dev
63d1ff1f77b07ca51070a8c227e962238358bd310bde1529cf62e6c307ade161
$ docker network ls --no-trunc --filter type=custom
NETWORK ID                                                         NAME      DRIVER    SCOPE
63d1ff1f77b07ca51070a8c227e962238358bd310bde1529cf62e6c307ade161   dev       bridge    local
95e74588f40db048e86320c6526440c504650a1ff3e9f7d60a497c4d2163e5bd   foo       bridge    local
$ docker network ls --filter id=63d1ff1f77b07ca51070a8c227e962238358bd310bde1529cf62e6c307ade161
NETWORK ID     NAME      DRIVER    SCOPE
63d1ff1f77b0   dev       bridge    local
`);
    // The page filters with a prefix of the id it printed ("95e"); here the prefix is of this host's id.
    const foo = host.ids.get("95e74588f40db048e86320c6526440c504650a1ff3e9f7d60a497c4d2163e5bd")!;
    await replay(host, `
$ docker network ls --filter id=${foo.slice(0, 3)} --filter driver=bridge --format '{{.Name}}'
foo
`);
  });
});

describe("docs: docker config create reference", () => {
  it("from stdin, from a file, with labels; ls has no DRIVER column for configs", async () => {
    const host = freshHost();
    await replay(host, `
$ docker swarm init
...
$ printf 'key: value' | docker config create my_config -
onakdyv307se2tl7nl20anokv
$ docker config ls
ID                          NAME        CREATED          UPDATED
onakdyv307se2tl7nl20anokv   my_config   6 seconds ago    6 seconds ago
$ docker config rm my_config
my_config
$ echo '{"port": 8080}' > config.json
$ docker config create my_config ./config.json
dg426haahpi5ezmkkj5kyl3sn
$ docker config rm my_config
my_config
$ docker config create \\
    --label env=dev \\
    --label rev=20170324 \\
    my_config ./config.json
eo7jnzguqgtpdah3cm5srfb97
$ docker config inspect --format '{{json .Spec.Labels}} {{.Spec.Name}}' my_config
{"env":"dev","rev":"20170324"} my_config
`);
  });
});
