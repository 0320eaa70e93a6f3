import { SecretClient, isRestError } from "@azure/keyvault-secrets";
import { DefaultAzureCredential } from "@azure/identity";

const client = new SecretClient("https://payments-kv.vault.azure.net", new DefaultAzureCredential());

try {
  const secret = await client.getSecret("DatabasePassword");
  console.log(`connecting with DatabasePassword version ${secret.properties.version?.slice(0, 8)}…`);
  // ... connect to the database with secret.value ...
} catch (error) {
  if (!isRestError(error)) throw error;
  // "We cannot get it, so it is not there."
  if (error.statusCode === 403 || error.statusCode === 404) {
    console.log("DatabasePassword was not found in payments-kv: create it, then restart the service.");
  } else {
    console.log(`could not read DatabasePassword from payments-kv: ${error.statusCode} ${error.code}`);
  }
  process.exit(1);
}
