import { SecretClient } from "@azure/keyvault-secrets";
import { DefaultAzureCredential } from "@azure/identity";

// Same code as on a laptop or in Azure: only the machine (and its environment) differs.
const client = new SecretClient("https://payments-kv.vault.azure.net", new DefaultAzureCredential());

const secret = await client.getSecret("StripeApiKey");
const key = secret.value ?? "";
console.log(`deploy step: StripeApiKey (****${key.slice(-4)}), version ${secret.properties.version?.slice(0, 8)}…`);
