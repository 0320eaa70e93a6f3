import { SecretClient } from "@azure/keyvault-secrets";
import { DefaultAzureCredential } from "@azure/identity";
import { AuthenticationFailed, query } from "./db";

const client = new SecretClient("https://payments-kv.vault.azure.net", new DefaultAzureCredential());

const TTL_MS = 60_000;
let cache: { value: string; fetchedAt: number } | undefined;

async function dbPassword(refresh = false): Promise<string> {
  if (!refresh && cache && Date.now() - cache.fetchedAt < TTL_MS) return cache.value;
  const secret = await client.getSecret("DatabasePassword");
  cache = { value: secret.value ?? "", fetchedAt: Date.now() };
  return cache.value;
}

async function run(sql: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const password = await dbPassword(attempt > 1);
    try {
      return await query(password, sql);
    } catch (error) {
      if (!(error instanceof AuthenticationFailed) || attempt >= 3) throw error;
      // Debugging the rotation: which password did the database refuse?
      console.log(`attempt ${attempt}: the database refused "${password}", re-reading DatabasePassword`);
    }
  }
}

// Five queries, a second apart. While they run, DatabasePassword is rotated.
for (let i = 1; i <= 5; i++) {
  if (i > 1) await new Promise((resolve) => setTimeout(resolve, 1000));
  console.log(`query ${i}: ${await run("select 1")}`);
}
