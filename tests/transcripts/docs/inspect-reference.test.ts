/**
 * Examples of the `docker inspect` reference (docs.docker.com/reference/cli/docker/inspect/),
 * replayed against one nginx container. The page's commands take $INSTANCE_ID; here it is set to
 * the container's id first. `--size` (SizeRootFs, SizeRw) is not modelled and not replayed.
 */
import { describe, it } from "vitest";
import { freshHost, replay } from "./replay.ts";

describe("docs: docker inspect reference", () => {
  it("IP and MAC address, log path, image name, port bindings, one port mapping, a subsection as JSON", async () => {
    const host = freshHost();
    await replay(host, `
$ INSTANCE_ID=$(docker run -d -p 8787:80 nginx:1.27-alpine)
$ docker inspect --format='{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' $INSTANCE_ID
172.17.0.2
$ docker inspect --format='{{range .NetworkSettings.Networks}}{{.MacAddress}}{{end}}' $INSTANCE_ID
02:42:ac:11:00:02
$ docker inspect --format='{{.LogPath}}' $INSTANCE_ID | sed "s/$INSTANCE_ID/ID/g"
/var/lib/docker/containers/ID/ID-json.log
$ docker inspect --format='{{.Config.Image}}' $INSTANCE_ID
nginx:1.27-alpine
$ docker inspect --format='{{range $p, $conf := .NetworkSettings.Ports}} {{$p}} -> {{with $conf}}{{(index . 0).HostPort}}{{else}}none{{end}} {{end}}' $INSTANCE_ID
 80/tcp -> 8787
$ docker inspect --format='{{(index (index .NetworkSettings.Ports "80/tcp") 0).HostPort}}' $INSTANCE_ID
8787
$ docker inspect --format='{{json .Config.Env}}' $INSTANCE_ID
["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","NGINX_VERSION=1.27.3","PKG_RELEASE=1","DYNPKG_RELEASE=1","NJS_VERSION=0.8.7","NJS_RELEASE=1"]
`);
  });

  it("--type restricts the search; an object of another type is not found", async () => {
    const host = freshHost();
    await replay(host, `
$ docker network create myvolume
...
$ docker inspect --type=network --format '{{.Name}} {{.Driver}}' myvolume
myvolume bridge
$ docker inspect --type=container myvolume
[]
Error: No such object: myvolume
`);
  });
});
