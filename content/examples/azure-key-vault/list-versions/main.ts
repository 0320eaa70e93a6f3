import { SecretClient } from "@azure/keyvault-secrets";
import { DefaultAzureCredential } from "@azure/identity";

const client = new SecretClient("https://payments-kv.vault.azure.net", new DefaultAzureCredential());

// Properties only: listing never returns values (each value read is one audited getSecret).
const versions = [];
for await (const properties of client.listPropertiesOfSecretVersions("DatabasePassword")) versions.push(properties);
versions.sort((a, b) => (a.createdOn?.getTime() ?? 0) - (b.createdOn?.getTime() ?? 0));

const latest = await client.getSecret("DatabasePassword");
console.log(`${versions.length} versions of DatabasePassword, oldest first:`);
for (const version of versions) {
  const day = version.createdOn?.toISOString().slice(0, 10);
  const state = version.enabled ? "enabled" : "disabled";
  const mark = version.version === latest.properties.version ? "  (latest)" : "";
  console.log(`  ${version.version?.slice(0, 8)}  ${day}  ${state}${mark}`);
}
