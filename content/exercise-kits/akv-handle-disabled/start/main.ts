import { SecretClient } from "@azure/keyvault-secrets";
import { DefaultAzureCredential } from "@azure/identity";

const client = new SecretClient("https://payments-kv.vault.azure.net", new DefaultAzureCredential());

const secret = await client.getSecret("DatabasePassword");
console.log(`connecting with DatabasePassword version ${secret.properties.version?.slice(0, 8)}…`);
// ... connect to the database with secret.value ...
