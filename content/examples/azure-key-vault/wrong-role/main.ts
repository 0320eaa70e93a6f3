import { SecretClient, isRestError } from "@azure/keyvault-secrets";
import { DefaultAzureCredential } from "@azure/identity";

const client = new SecretClient("https://payments-kv.vault.azure.net", new DefaultAzureCredential());

// Key Vault Reader may read metadata: names, dates, tags.
const names: string[] = [];
for await (const properties of client.listPropertiesOfSecrets()) names.push(properties.name);
console.log(`reporting-job can list: ${names.join(", ")}`);

try {
  const secret = await client.getSecret("DatabasePassword");
  console.log(`got ${secret.name}`);
} catch (error) {
  // 401 would mean "who are you?"; 403 means "I know who you are, and the answer is no".
  if (isRestError(error) && error.statusCode === 403) {
    console.error(`${error.statusCode} ${error.code}: this identity may not read the value of DatabasePassword.`);
    console.error("Ask for the Key Vault Secrets User role on that one secret (least privilege), not on the whole vault.");
    process.exit(1);
  }
  throw error;
}
