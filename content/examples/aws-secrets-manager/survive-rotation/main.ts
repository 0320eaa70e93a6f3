import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { AuthenticationFailed, query } from "./db";
import { rotate } from "./rotate";

const client = new SecretsManagerClient({ region: process.env.AWS_REGION ?? "eu-west-1" });

// Keep the password in memory for a while; re-read it when the TTL runs out or the copy stops working.
const TTL_MS = 5 * 60_000;
let cache: { password: string; versionId: string; fetchedAt: number } | undefined;

async function dbPassword(refresh = false): Promise<{ password: string; cached: boolean }> {
  if (!refresh && cache && Date.now() - cache.fetchedAt < TTL_MS) return { password: cache.password, cached: true };
  const secret = await client.send(new GetSecretValueCommand({ SecretId: "payments/db-credentials" }));
  const { password } = JSON.parse(secret.SecretString ?? "{}") as { password: string };
  cache = { password, versionId: secret.VersionId ?? "", fetchedAt: Date.now() };
  console.log(`  fetched payments/db-credentials version ${cache.versionId.slice(0, 8)}…`);
  return { password, cached: false };
}

async function run(sql: string): Promise<string> {
  const { password, cached } = await dbPassword();
  try {
    const result = await query(password, sql);
    return cached ? `${result} (cached)` : result;
  } catch (error) {
    if (!(error instanceof AuthenticationFailed)) throw error;
    // The copy stopped working: it was probably rotated. Re-read once, retry once, never loop.
    console.log("  the database refused the cached password: re-reading the secret");
    return query((await dbPassword(true)).password, sql);
  }
}

for (let i = 1; i <= 5; i++) {
  if (i === 3) await rotate();
  console.log(`query ${i}: ${await run("select 1")}`);
}
