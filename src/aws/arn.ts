/**
 * ARNs: `arn:partition:service:region:account:resource`. Parsing, building, and the glob
 * match IAM uses for `Resource` and `Action` (`*` any run of characters, `?` one).
 */
export interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

export function parseArn(value: string): Arn | undefined {
  const parts = value.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return undefined;
  const [, partition = "", service = "", region = "", account = ""] = parts;
  const resource = parts.slice(5).join(":");
  if (!partition || !service || !resource) return undefined;
  return { partition, service, region, account, resource };
}

export const formatArn = (a: Arn): string => `arn:${a.partition}:${a.service}:${a.region}:${a.account}:${a.resource}`;

const globCache = new Map<string, RegExp>();

/** IAM's wildcard match. `caseInsensitive` for actions (`secretsmanager:getsecretvalue` matches). */
export function globMatch(pattern: string, value: string, caseInsensitive = false): boolean {
  const key = `${caseInsensitive ? "i" : "s"}:${pattern}`;
  let re = globCache.get(key);
  if (!re) {
    const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    re = new RegExp(`^${body}$`, caseInsensitive ? "is" : "s");
    globCache.set(key, re);
  }
  return re.test(value);
}
