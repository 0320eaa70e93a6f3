import { SecretClient, isRestError } from "@azure/keyvault-secrets";
import { DefaultAzureCredential } from "@azure/identity";

const client = new SecretClient("https://payments-kv.vault.azure.net", new DefaultAzureCredential());

try {
  const db = await client.getSecret("DatabasePassword");
  const stripe = await client.getSecret("StripeApiKey");
  console.log(`ready: DatabasePassword ${db.properties.version?.slice(0, 8)}…, StripeApiKey ${stripe.properties.version?.slice(0, 8)}…`);
} catch (error) {
  if (!isRestError(error)) throw error;
  // Everything the vault said, so nobody can say we hid something.
  console.log(`vault error ${error.statusCode}: ${error.response?.bodyAsText ?? error.message}`);
  process.exit(1);
}
