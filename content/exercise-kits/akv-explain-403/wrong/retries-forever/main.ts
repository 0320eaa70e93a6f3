import { SecretClient, isRestError } from "@azure/keyvault-secrets";
import { DefaultAzureCredential } from "@azure/identity";

const client = new SecretClient("https://payments-kv.vault.azure.net", new DefaultAzureCredential());

// The vault is flaky at start-up: try again until it answers.
for (;;) {
  try {
    const db = await client.getSecret("DatabasePassword");
    const stripe = await client.getSecret("StripeApiKey");
    console.log(`ready: DatabasePassword ${db.properties.version?.slice(0, 8)}…, StripeApiKey ${stripe.properties.version?.slice(0, 8)}…`);
    break;
  } catch (error) {
    if (!isRestError(error)) throw error;
    console.log(`vault answered ${error.statusCode} ${error.code}; retrying in 1 s`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
