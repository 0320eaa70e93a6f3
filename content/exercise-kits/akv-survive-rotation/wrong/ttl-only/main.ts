import { SecretClient } from "@azure/keyvault-secrets";
import { DefaultAzureCredential } from "@azure/identity";
import { query } from "./db";

const client = new SecretClient("https://payments-kv.vault.azure.net", new DefaultAzureCredential());

// A cache with a TTL: the vault is asked at most once a minute.
const TTL_MS = 60_000;
let cache: { value: string; fetchedAt: number } | undefined;

async function dbPassword(): Promise<string> {
  if (cache && Date.now() - cache.fetchedAt < TTL_MS) return cache.value;
  const secret = await client.getSecret("DatabasePassword");
  cache = { value: secret.value ?? "", fetchedAt: Date.now() };
  console.log(`fetched DatabasePassword version ${secret.properties.version?.slice(0, 8)}…`);
  return cache.value;
}

// Five queries, a second apart. While they run, DatabasePassword is rotated.
for (let i = 1; i <= 5; i++) {
  if (i > 1) await new Promise((resolve) => setTimeout(resolve, 1000));
  console.log(`query ${i}: ${await query(await dbPassword(), "select 1")}`);
}
