import { SecretClient } from "@azure/keyvault-secrets";
import { DefaultAzureCredential } from "@azure/identity";
import { query } from "./db";
import { rotate } from "./rotate";

const client = new SecretClient("https://payments-kv.vault.azure.net", new DefaultAzureCredential());

// Read once at start-up, like an environment variable. What happens after a rotation?
const password = (await client.getSecret("DatabasePassword")).value ?? "";

for (let i = 1; i <= 5; i++) {
  if (i === 3) await rotate(); // leave this line: it is the rotation you must survive
  console.log(`query ${i}: ${await query(password, "select 1")}`);
}
