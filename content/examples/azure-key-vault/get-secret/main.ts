import { SecretClient } from "@azure/keyvault-secrets";
import { DefaultAzureCredential } from "@azure/identity";

// The vault URL is configuration, not a secret; the credential is found, not stored.
const client = new SecretClient("https://payments-kv.vault.azure.net", new DefaultAzureCredential());

const secret = await client.getSecret("DatabasePassword");
const password = secret.value ?? "";

// Never print the value itself: a mask proves it arrived.
const masked = `****${password.slice(-4)}`;
console.log(`DatabasePassword (${masked}), version ${secret.properties.version?.slice(0, 8)}…`);
// ... connect to the database with `password` here ...
