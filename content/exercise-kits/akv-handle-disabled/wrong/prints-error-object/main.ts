import { SecretClient, isRestError } from "@azure/keyvault-secrets";
import { DefaultAzureCredential } from "@azure/identity";

const client = new SecretClient("https://payments-kv.vault.azure.net", new DefaultAzureCredential());

try {
  const secret = await client.getSecret("DatabasePassword");
  console.log(`connecting with DatabasePassword version ${secret.properties.version?.slice(0, 8)}…`);
  // ... connect to the database with secret.value ...
} catch (error) {
  // Print everything we know, someone will figure it out.
  console.log("could not start:", error);
  process.exit(1);
}
