/**
 * Examples of the `docker history` reference (docs.docker.com/reference/cli/docker/image/history/),
 * replayed. The page's images (docker:latest of 2014, a Fedora-based docker:scm, an s390x alpine)
 * are not in the offline catalogue, so each example runs on the catalogue's nearest image and the
 * comment says what the page shows.
 */
import { describe, it } from "vitest";
import { freshHost, replay } from "./replay.ts";

describe("docs: docker history reference", () => {
  it("the table: IMAGE CREATED CREATED BY SIZE COMMENT, <missing> below the top, CREATED BY cut at 45", async () => {
    const host = freshHost();
    // The page's alpine was built by the legacy builder ("/bin/sh -c #(nop)  CMD ..."); BuildKit,
    // which builds the catalogue's images, records the instruction itself and its own comment.
    await replay(host, `
$ docker image history alpine
IMAGE          CREATED       CREATED BY                                      SIZE      COMMENT
beefdbd8a1da   3 weeks ago   CMD ["/bin/sh"]                                 0B        buildkit.dockerfile.v0
<missing>      3 weeks ago   ADD alpine-minirootfs-3.20.3-x86_64.tar.gz /…   7.8MB
`);
  });

  it("an image committed with a message shows the container's command and the message (the page's docker:scm)", async () => {
    const host = freshHost();
    // The page's top layer is 241.4 MB of Apache; this container wrote nothing, so its layer is 0B.
    await replay(host, `
$ docker run --name apache -it ubuntu /bin/bash
...
$ docker commit -m "Added Apache to Fedora base image" apache docker:scm
sha256:6426017dddf5e748cbcd19551dd2db5fc4062d8bb66bf2601aeb8cde26d3ab15
$ docker history docker:scm
IMAGE          CREATED                  CREATED BY                                      SIZE      COMMENT
2ac9d1098bf1   Less than a second ago   /bin/bash                                       0B        Added Apache to Fedora base image
...
`);
  });

  it("--format without headers", async () => {
    const host = freshHost();
    await replay(host, `
$ docker history --format "{{.ID}}: {{.CreatedSince}}" busybox
f6e427c148a7: 4 weeks ago
<missing>: 4 weeks ago
$ docker history --format "table {{.ID}}\\t{{.Size}}" busybox
IMAGE          SIZE
f6e427c148a7   0B
<missing>      4.27MB
`);
  });
});
