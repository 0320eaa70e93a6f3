import { SecretClient } from "@azure/keyvault-secrets";
import { DefaultAzureCredential } from "@azure/identity";
import { AuthenticationFailed, query } from "./db";
import { rotate } from "./rotate";

const client = new SecretClient("https://payments-kv.vault.azure.net", new DefaultAzureCredential());

// Keep the value in memory for a while; re-read it when the TTL runs out or the copy stops working.
const TTL_MS = 60_000;
let cache: { value: string; version: string; fetchedAt: number } | undefined;

async function dbPassword(refresh = false): Promise<{ value: string; cached: boolean }> {
  if (!refresh && cache && Date.now() - cache.fetchedAt < TTL_MS) return { value: cache.value, cached: true };
  const secret = await client.getSecret("DatabasePassword");
  cache = { value: secret.value ?? "", version: secret.properties.version ?? "", fetchedAt: Date.now() };
  console.log(`  fetched DatabasePassword version ${cache.version.slice(0, 8)}… from the vault`);
  return { value: cache.value, cached: false };
}

async function run(sql: string): Promise<string> {
  const password = await dbPassword();
  try {
    const result = await query(password.value, sql);
    return password.cached ? `${result} (cached)` : result;
  } catch (error) {
    if (!(error instanceof AuthenticationFailed)) throw error;
    // The copy stopped working: it was probably rotated. Re-read once, retry once, never loop.
    console.log("  the database refused the cached password: re-reading DatabasePassword");
    return query((await dbPassword(true)).value, sql);
  }
}

for (let i = 1; i <= 5; i++) {
  if (i === 3) await rotate();
  console.log(`query ${i}: ${await run("select 1")}`);
}
