import { SecretClient, isRestError } from "@azure/keyvault-secrets";
import { DefaultAzureCredential } from "@azure/identity";

const client = new SecretClient("https://payments-kv.vault.azure.net", new DefaultAzureCredential());

try {
  const db = await client.getSecret("DatabasePassword");
  const stripe = await client.getSecret("StripeApiKey");
  console.log(`ready: DatabasePassword ${db.properties.version?.slice(0, 8)}…, StripeApiKey ${stripe.properties.version?.slice(0, 8)}…`);
} catch (error) {
  if (!isRestError(error)) throw error;
  if (error.statusCode === 401) console.log("401: the vault does not know who we are. Check which credential answered, and its tenant.");
  // The last 403 we saw was a disabled secret, so that is what a 403 means. (Read the inner code.)
  else if (error.statusCode === 403) console.log("403: a secret is disabled in payments-kv; whoever manages the vault must set a new version.");
  else console.log(`${error.statusCode}: ${error.message.split(/\r?\n/)[0]}`);
  process.exit(1);
}
