import { SecretClient, isRestError } from "@azure/keyvault-secrets";
import { DefaultAzureCredential } from "@azure/identity";

const client = new SecretClient("https://payments-kv.vault.azure.net", new DefaultAzureCredential());

function innerCode(error: { details?: unknown }): string | undefined {
  const details = error.details as { error?: { innerError?: { code?: string } } } | undefined;
  return details?.error?.innerError?.code;
}

async function databasePassword() {
  try {
    return await client.getSecret("DatabasePassword");
  } catch (error) {
    if (!isRestError(error) || error.statusCode !== 403 || innerCode(error) !== "SecretDisabled") throw error;
    // The latest version is disabled: keep the service up with the newest version that is still enabled.
    console.log("DatabasePassword is disabled in payments-kv; falling back to the newest enabled version.");
    let newest: { version?: string; createdOn?: Date } | undefined;
    for await (const properties of client.listPropertiesOfSecretVersions("DatabasePassword")) {
      if (properties.enabled && (!newest || (properties.createdOn ?? 0) > (newest.createdOn ?? 0))) newest = properties;
    }
    if (!newest?.version) throw error;
    return client.getSecret("DatabasePassword", { version: newest.version });
  }
}

const secret = await databasePassword();
console.log(`connecting with DatabasePassword version ${secret.properties.version?.slice(0, 8)}…`);
// ... connect to the database with secret.value ...
