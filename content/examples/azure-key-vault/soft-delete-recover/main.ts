import { SecretClient, isRestError } from "@azure/keyvault-secrets";
import { DefaultAzureCredential } from "@azure/identity";

const client = new SecretClient("https://payments-kv.vault.azure.net", new DefaultAzureCredential());
const before = await client.getSecret("StripeApiKey");

// Deleting is a long-running operation in the SDK: a poller that completes once the vault confirms.
const deletion = await client.beginDeleteSecret("StripeApiKey");
const deleted = await deletion.pollUntilDone();
console.log(`deleted ${deleted.name}; purge scheduled for ${deleted.scheduledPurgeDate?.toISOString().slice(0, 10)}`);

try {
  await client.getSecret("StripeApiKey");
} catch (error) {
  if (!isRestError(error)) throw error;
  console.log(`reading it now: ${error.statusCode} ${error.code}`);
}

const recovery = await client.beginRecoverDeletedSecret("StripeApiKey");
await recovery.pollUntilDone();
const after = await client.getSecret("StripeApiKey");
const intact = after.value === before.value ? "value intact" : "value changed";
console.log(`recovered ${after.name}: ${after.properties.enabled ? "enabled" : "disabled"}, ${intact}`);
