import { SecretClient, isRestError } from "@azure/keyvault-secrets";
import { DefaultAzureCredential } from "@azure/identity";

const client = new SecretClient("https://payments-kv.vault.azure.net", new DefaultAzureCredential());

/** The service's own code for the refusal: `error.details` is the parsed body of the response. */
function innerCode(error: { details?: unknown }): string | undefined {
  const details = error.details as { error?: { innerError?: { code?: string } } } | undefined;
  return details?.error?.innerError?.code;
}

try {
  const secret = await client.getSecret("DatabasePassword");
  console.log(`connecting with DatabasePassword version ${secret.properties.version?.slice(0, 8)}…`);
  // ... connect to the database with secret.value ...
} catch (error) {
  if (!isRestError(error)) throw error;
  const inner = innerCode(error);
  if (error.statusCode === 403) {
    console.log("DatabasePassword is disabled in payments-kv (its latest version was switched off).");
    console.log("Refusing to start. Whoever manages the vault must set a new version or re-enable this one.");
  } else if (error.statusCode === 403) {
    console.log(`payments-api may not read DatabasePassword in payments-kv (${inner ?? "Forbidden"}): a role assignment is missing.`);
  } else {
    console.log(`could not read DatabasePassword from payments-kv: ${error.statusCode} ${error.code}`);
  }
  process.exit(1);
}
