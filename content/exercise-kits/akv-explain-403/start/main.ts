import { SecretClient } from "@azure/keyvault-secrets";
import { DefaultAzureCredential } from "@azure/identity";

const client = new SecretClient("https://payments-kv.vault.azure.net", new DefaultAzureCredential());

const db = await client.getSecret("DatabasePassword");
const stripe = await client.getSecret("StripeApiKey");
console.log(`ready: DatabasePassword ${db.properties.version?.slice(0, 8)}…, StripeApiKey ${stripe.properties.version?.slice(0, 8)}…`);
