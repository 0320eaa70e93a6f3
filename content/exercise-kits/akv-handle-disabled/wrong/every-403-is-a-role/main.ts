import { SecretClient, isRestError } from "@azure/keyvault-secrets";
import { DefaultAzureCredential } from "@azure/identity";

const client = new SecretClient("https://payments-kv.vault.azure.net", new DefaultAzureCredential());

try {
  const secret = await client.getSecret("DatabasePassword");
  console.log(`connecting with DatabasePassword version ${secret.properties.version?.slice(0, 8)}…`);
  // ... connect to the database with secret.value ...
} catch (error) {
  if (!isRestError(error)) throw error;
  // 403 means Forbidden, Forbidden means a missing role. (Not always: read the inner error code.)
  if (error.statusCode === 403) {
    console.log("payments-api may not read DatabasePassword in payments-kv: a role assignment is missing.");
  } else {
    console.log(`could not read DatabasePassword from payments-kv: ${error.statusCode} ${error.code}`);
  }
  process.exit(1);
}
