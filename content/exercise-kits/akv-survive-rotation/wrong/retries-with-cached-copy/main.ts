import { SecretClient } from "@azure/keyvault-secrets";
import { DefaultAzureCredential } from "@azure/identity";
import { AuthenticationFailed, query } from "./db";

const client = new SecretClient("https://payments-kv.vault.azure.net", new DefaultAzureCredential());

const TTL_MS = 60_000;
let cache: { value: string; fetchedAt: number } | undefined;

async function dbPassword(): Promise<string> {
  if (cache && Date.now() - cache.fetchedAt < TTL_MS) return cache.value;
  const secret = await client.getSecret("DatabasePassword");
  cache = { value: secret.value ?? "", fetchedAt: Date.now() };
  console.log(`fetched DatabasePassword version ${secret.properties.version?.slice(0, 8)}…`);
  return cache.value;
}

async function run(sql: string): Promise<string> {
  try {
    return await query(await dbPassword(), sql);
  } catch (error) {
    if (!(error instanceof AuthenticationFailed)) throw error;
    console.log("the database refused the password: retrying once");
    return query(await dbPassword(), sql); // the cache is still fresh: the same, refused, value
  }
}

// Five queries, a second apart. While they run, DatabasePassword is rotated.
for (let i = 1; i <= 5; i++) {
  if (i > 1) await new Promise((resolve) => setTimeout(resolve, 1000));
  console.log(`query ${i}: ${await run("select 1")}`);
}
