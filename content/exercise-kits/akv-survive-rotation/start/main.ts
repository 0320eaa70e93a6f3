import { SecretClient } from "@azure/keyvault-secrets";
import { DefaultAzureCredential } from "@azure/identity";
import { query } from "./db";

const client = new SecretClient("https://payments-kv.vault.azure.net", new DefaultAzureCredential());

// Read once at start-up, like an environment variable. What happens after a rotation?
const password = (await client.getSecret("DatabasePassword")).value ?? "";

// Five queries, a second apart. While they run, DatabasePassword is rotated.
for (let i = 1; i <= 5; i++) {
  if (i > 1) await new Promise((resolve) => setTimeout(resolve, 1000));
  console.log(`query ${i}: ${await query(password, "select 1")}`);
}
