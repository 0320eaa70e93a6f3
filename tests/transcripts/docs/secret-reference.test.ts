/**
 * The examples of the `docker secret` reference pages (docs.docker.com/reference/cli/docker/secret/
 * create, ls, inspect, rm), replayed. Where the pages are older than Docker 28 the expected lines
 * follow current Docker and the comment says what the page shows.
 */
import { describe, it } from "vitest";
import { freshHost, replay } from "./replay.ts";

// The pages' tables have no DRIVER column: docker/cli has printed it since 17.x
// (defaultSecretTableFormat is ID, NAME, DRIVER, CREATED, UPDATED).
describe("docs: docker secret reference", () => {
  it("secret create: from stdin, from a file, with labels; then inspect shows the labels", async () => {
    const host = freshHost();
    await replay(host, `
$ docker swarm init
...
$ printf "my super secret password" | docker secret create my_secret -
onakdyv307se2tl7nl20anokv
$ docker secret ls
ID                          NAME        DRIVER    CREATED                  UPDATED
onakdyv307se2tl7nl20anokv   my_secret             6 seconds ago       6 seconds ago
$ docker secret rm my_secret
my_secret
$ echo '{"user": "app"}' > secret.json
$ docker secret create my_secret ./secret.json
dg426haahpi5ezmkkj5kyl3sn
$ docker secret ls
ID                          NAME        DRIVER    CREATED             UPDATED
dg426haahpi5ezmkkj5kyl3sn   my_secret             7 seconds ago       7 seconds ago
$ docker secret rm my_secret
my_secret
$ docker secret create --label env=dev --label rev=20170324 my_secret ./secret.json
eo7jnzguqgtpdah3cm5srfb97
`);
    // The page's inspect shows Version.Index 17 and 2017 times; the index and the times are this host's.
    await replay(host, `
$ docker secret inspect --format '{{json .Spec}}' my_secret
{"Name":"my_secret","Labels":{"env":"dev","rev":"20170324"}}
$ docker secret inspect --format='{{.CreatedAt}}' eo7jnzguqgtpdah3cm5srfb97
2025-01-15 09:30:00 +0000 UTC
`);
  });

  it("secret ls: --filter id, label, label=value and name; --format with and without table; json", async () => {
    const host = freshHost();
    await replay(host, `
$ docker swarm init
...
$ printf x | docker secret create q5s5570vtvnimefos1fyeo2u2 -
6697bflskwj1998km1gnnjr38
$ printf x | docker secret create my_secret -
9u9hk4br2ej0wgngkga6rp4hq
$ printf x | docker secret create --label project=project-a test_secret -
mem02h8n73mybpgqjf0kfi1n0
$ docker secret ls -f "id=6697bflskwj1998km1gnnjr38"
ID                          NAME                        DRIVER    CREATED       UPDATED
6697bflskwj1998km1gnnjr38   q5s5570vtvnimefos1fyeo2u2             6 weeks ago   6 weeks ago
$ docker secret ls --filter label=project
ID                          NAME          DRIVER    CREATED             UPDATED
mem02h8n73mybpgqjf0kfi1n0   test_secret             About an hour ago   About an hour ago
$ docker secret ls --filter label=project=project-a
ID                          NAME          DRIVER    CREATED             UPDATED
mem02h8n73mybpgqjf0kfi1n0   test_secret             About an hour ago   About an hour ago
$ docker secret ls --filter name=test
ID                          NAME          DRIVER    CREATED             UPDATED
mem02h8n73mybpgqjf0kfi1n0   test_secret             About an hour ago   About an hour ago
`);
    // The page's --format examples show 12-character ids; docker/cli's .ID is the full id.
    await replay(host, `
$ docker secret ls --format "{{.ID}}: {{.Name}}"
9u9hk4br2ej0wgngkga6rp4hq: my_secret
6697bflskwj1998km1gnnjr38: q5s5570vtvnimefos1fyeo2u2
mem02h8n73mybpgqjf0kfi1n0: test_secret
$ docker secret ls --format "table {{.ID}}\\t{{.Name}}\\t{{.CreatedAt}}"
ID                          NAME                        CREATED
9u9hk4br2ej0wgngkga6rp4hq   my_secret                   5 minutes ago
6697bflskwj1998km1gnnjr38   q5s5570vtvnimefos1fyeo2u2   3 hours ago
mem02h8n73mybpgqjf0kfi1n0   test_secret                 10 days ago
$ docker secret rm my_secret test_secret q5s5570vtvnimefos1fyeo2u2
my_secret
test_secret
q5s5570vtvnimefos1fyeo2u2
$ printf x | docker secret create mysecret -
4y7hvwrt1u8e9uxh5ygqj7mzc
`);
    await replay(host, `
$ docker secret ls --format json
{"CreatedAt":"28 seconds ago","Driver":"","ID":"4y7hvwrt1u8e9uxh5ygqj7mzc","Labels":"","Name":"mysecret","UpdatedAt":"28 seconds ago"}
`);
  });

  it("secret rm: removes by name", async () => {
    const host = freshHost();
    await replay(host, `
$ docker swarm init
...
$ printf x | docker secret create secret.json -
sapth4csdo5b6wz2p5uimh5xg
$ docker secret rm secret.json
secret.json
`);
  });
});
