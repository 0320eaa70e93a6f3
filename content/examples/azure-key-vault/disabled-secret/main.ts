import { SecretClient, isRestError } from "@azure/keyvault-secrets";
import { DefaultAzureCredential } from "@azure/identity";

const client = new SecretClient("https://payments-kv.vault.azure.net", new DefaultAzureCredential());

// The service's error body is on error.details; the SDK names the inner error "innerError".
function innerCode(error: { details?: unknown }): string | undefined {
  const details = error.details as { error?: { innerError?: { code?: string } } } | undefined;
  return details?.error?.innerError?.code;
}

try {
  const secret = await client.getSecret("DatabasePassword");
  console.log(`DatabasePassword version ${secret.properties.version?.slice(0, 8)}… is ready`);
} catch (error) {
  if (!isRestError(error)) throw error;
  const inner = innerCode(error);
  console.error(`vault said: ${error.statusCode} ${error.code} (${inner ?? "no inner error"})`);
  if (error.statusCode === 403 && inner === "SecretDisabled") {
    // Not a permissions problem: a role change would not help. Someone switched this version off.
    console.error("DatabasePassword is disabled in payments-kv: its latest version was switched off, usually after a leak.");
    console.error("Refusing to start. Whoever manages the vault must set a new version (or re-enable this one).");
  } else if (error.statusCode === 403) {
    console.error(`payments-api may not read DatabasePassword (${inner ?? "Forbidden"}): check its role assignment.`);
  } else {
    console.error(`could not read DatabasePassword: ${error.message.split("\n")[0]}`);
  }
  process.exit(1);
}
