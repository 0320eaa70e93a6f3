import { SecretClient } from "@azure/keyvault-secrets";
import { DefaultAzureCredential } from "@azure/identity";
import { AuthenticationFailed, query } from "./db";

const client = new SecretClient("https://payments-kv.vault.azure.net", new DefaultAzureCredential());

// Keep the value in memory for a while; re-read it when the TTL runs out or the copy stops working.
const TTL_MS = 60_000;
let cache: { value: string; version: string; fetchedAt: number } | undefined;

async function dbPassword(refresh = false): Promise<string> {
  if (!refresh && cache && Date.now() - cache.fetchedAt < TTL_MS) return cache.value;
  const secret = await client.getSecret("DatabasePassword");
  cache = { value: secret.value ?? "", version: secret.properties.version ?? "", fetchedAt: Date.now() };
  console.log(`fetched DatabasePassword version ${cache.version.slice(0, 8)}…`);
  return cache.value;
}

async function run(sql: string): Promise<string> {
  try {
    return await query(await dbPassword(), sql);
  } catch (error) {
    if (!(error instanceof AuthenticationFailed)) throw error;
    // The copy stopped working: it was probably rotated. Re-read once, retry once, never loop.
    console.log("the database refused the cached password: re-reading it");
    return query(await dbPassword(true), sql);
  }
}

// Five queries, a second apart. While they run, DatabasePassword is rotated.
for (let i = 1; i <= 5; i++) {
  if (i > 1) await new Promise((resolve) => setTimeout(resolve, 1000));
  console.log(`query ${i}: ${await run("select 1")}`);
}
