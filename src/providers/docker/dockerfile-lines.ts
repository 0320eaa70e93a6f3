/**
 * A minimal reading of a Dockerfile's ARG and ENV instructions, for the one static check that needs
 * it. The docker simulator has a full parser but no public face yet; this reads only what the check
 * needs: comments and blank lines skipped, `\` continuations joined, keys of `ARG a=1 b` and of both
 * ENV forms (`ENV A=1 B=2`, legacy `ENV A 1`).
 */

export interface ArgEnvKey {
  instruction: "ARG" | "ENV";
  key: string;
  /** 1-based line where the instruction starts. */
  line: number;
  /** The instruction as written (continuations joined). */
  text: string;
}

export function readArgEnvKeys(dockerfile: string): ArgEnvKey[] {
  const lines = dockerfile.split(/\r?\n/);
  const keys: ArgEnvKey[] = [];
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let text = lines[i]!;
    while (/\\\s*$/.test(text) && i + 1 < lines.length) text = text.replace(/\\\s*$/, " ") + lines[++i]!;
    const match = /^\s*(ARG|ENV)\s+(.*)$/i.exec(text);
    if (!match) continue;
    const instruction = match[1]!.toUpperCase() as "ARG" | "ENV";
    const body = match[2]!.trim();
    const names =
      instruction === "ENV" && !/^[^\s=]+=/.test(body)
        ? [body.split(/\s+/)[0]!] // legacy `ENV KEY value`
        : words(body).map((word) => word.split("=")[0]!);
    for (const key of names) if (key) keys.push({ instruction, key, line: start + 1, text: text.trim() });
  }
  return keys;
}

/** Splits on whitespace outside quotes: `A="x y" B=2` -> [`A="x y"`, `B=2`]. */
function words(body: string): string[] {
  return body.match(/(?:[^\s"']+|"(?:[^"\\]|\\.)*"|'[^']*')+/g) ?? [];
}

/**
 * BuildKit's SecretsUsedInArgOrEnv rule: a key with one of these words as a `_`-separated part looks
 * like a secret (`NPM_TOKEN`, `DB_PASSWORD`, `API_KEY`), unless it also says `PUBLIC`.
 */
const SECRET_WORDS = ["apikey", "auth", "credential", "credentials", "key", "password", "pword", "passwd", "secret", "token"];
const SECRET_KEY = new RegExp(`(?:_|^)(?:${SECRET_WORDS.join("|")})(?:_|$)`, "i");
const PUBLIC_KEY = /(?:_|^)public(?:_|$)/i;

export function looksLikeSecretName(key: string): boolean {
  return SECRET_KEY.test(key) && !PUBLIC_KEY.test(key);
}
