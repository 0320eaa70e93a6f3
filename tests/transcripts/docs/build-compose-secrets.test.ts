/**
 * https://docs.docker.com/build/building/secrets/ and
 * https://docs.docker.com/compose/how-tos/use-secrets/ replayed. The pages show Dockerfiles and
 * compose files, not output: each example is built or started, and what it promises (the secret at
 * /run/secrets/<id> or the target, never in the image; per-service access in Compose) is checked.
 */
import { describe, it } from "vitest";
import { freshHost, replay } from "./replay.ts";

describe("docs: build secrets", () => {
  it("--secret id=aws,src=...: at /run/secrets/aws by default, at the target when given, as an env variable with env=; nothing in the image", async () => {
    const host = freshHost();
    // The page's RUN steps call "aws s3 cp ..."; the CLI is not in the image, so the steps record
    // what they could read instead.
    await replay(host, `
$ mkdir -p $HOME/.aws && printf '[default]\\naws_access_key_id=AKIAIOSFODNN7EXAMPLE\\n' > $HOME/.aws/credentials
$ export API_TOKEN=tok_build_demo
$ printf 'FROM alpine:3.20\\nRUN --mount=type=secret,id=aws wc -c < /run/secrets/aws > /size\\nRUN --mount=type=secret,id=aws,target=/root/.aws/credentials head -1 /root/.aws/credentials > /first\\nRUN --mount=type=secret,id=API_TOKEN,env=API_TOKEN sh -c "echo \${#API_TOKEN} > /tokenlen"\\n' > Dockerfile
$ docker build --secret id=aws,src=$HOME/.aws/credentials --secret id=API_TOKEN -t secrets-demo . > /dev/null 2>&1; echo $?
0
$ docker run --rm secrets-demo sh -c 'cat /size /first /tokenlen; ls /run/secrets /root/.aws'
49
[default]
14
ls: /run/secrets: No such file or directory
ls: /root/.aws: No such file or directory
$ docker history --no-trunc secrets-demo | grep -c -e AKIA -e tok_build_demo
0
`);
  });
});

describe("docs: secrets in Compose", () => {
  it("simple: the service reads /run/secrets/my_secret (a read-only bind of the file, not a tmpfs, without swarm)", async () => {
    const host = freshHost();
    // The page's image is "myapp:latest", which no registry has: alpine with a long sleep stands in.
    // The page says Docker creates a temporary filesystem under /run/secrets; plain Compose
    // bind-mounts the file (only swarm puts secrets on a tmpfs), as .Mounts shows.
    await replay(host, `
$ printf 'services:\\n  myapp:\\n    image: alpine:3.20\\n    command: sleep 1d\\n    secrets:\\n      - my_secret\\nsecrets:\\n  my_secret:\\n    file: ./my_secret.txt\\n' > compose.yaml
$ printf 's3cr3t' > my_secret.txt
$ docker compose up -d
...
$ docker compose exec myapp cat /run/secrets/my_secret
s3cr3t
$ docker inspect app-myapp-1 --format '{{range .Mounts}}{{.Type}} {{.Destination}} {{.RW}}{{end}}'
bind /run/secrets/my_secret false
`);
  });

  it("advanced: db gets both secrets, wordpress only db_password", async () => {
    const host = freshHost();
    await replay(host, `
$ printf 'services:\\n   db:\\n     image: mysql:latest\\n     volumes:\\n       - db_data:/var/lib/mysql\\n     environment:\\n       MYSQL_ROOT_PASSWORD_FILE: /run/secrets/db_root_password\\n       MYSQL_DATABASE: wordpress\\n       MYSQL_USER: wordpress\\n       MYSQL_PASSWORD_FILE: /run/secrets/db_password\\n     secrets:\\n       - db_root_password\\n       - db_password\\n\\n   wordpress:\\n     depends_on:\\n       - db\\n     image: wordpress:latest\\n     ports:\\n       - "8000:80"\\n     environment:\\n       WORDPRESS_DB_HOST: db:3306\\n       WORDPRESS_DB_USER: wordpress\\n       WORDPRESS_DB_PASSWORD_FILE: /run/secrets/db_password\\n     secrets:\\n       - db_password\\n\\n\\nsecrets:\\n   db_password:\\n     file: db_password.txt\\n   db_root_password:\\n     file: db_root_password.txt\\n\\nvolumes:\\n    db_data:\\n' > compose.yaml
$ printf 'wp-pass' > db_password.txt && printf 'root-pass' > db_root_password.txt
$ docker compose up -d
...
$ docker compose exec db ls /run/secrets
db_password
db_root_password
$ docker compose exec wordpress ls /run/secrets
db_password
`);
  });
});
