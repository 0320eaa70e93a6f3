import { SecretClient, isRestError } from "@azure/keyvault-secrets";
import { DefaultAzureCredential } from "@azure/identity";

const client = new SecretClient("https://payments-kv.vault.azure.net", new DefaultAzureCredential());

function innerCode(error: { details?: unknown }): string | undefined {
  const details = error.details as { error?: { innerError?: { code?: string } } } | undefined;
  return details?.error?.innerError?.code;
}

let password = "";
try {
  const secret = await client.getSecret("DatabasePassword");
  password = secret.value ?? "";
} catch (error) {
  if (!isRestError(error)) throw error;
  if (error.statusCode === 403 && innerCode(error) === "SecretDisabled") {
    console.log("DatabasePassword is disabled in payments-kv. Starting without a database; requests will fail until it is fixed.");
  } else {
    throw error;
  }
}
console.log(`payments service started (database ${password ? "connected" : "unavailable"})`);
// ... connect to the database with password ...
