import { SecretClient, isRestError } from "@azure/keyvault-secrets";
import { DefaultAzureCredential } from "@azure/identity";

const client = new SecretClient("https://payments-kv.vault.azure.net", new DefaultAzureCredential());

const ROLE_FOR_ACTION: Record<string, string> = {
  getSecret: "Key Vault Secrets User",
  readMetadata: "Key Vault Reader",
};

function explain(error: { statusCode?: number; message: string; details?: unknown }): string[] {
  const inner = (error.details as { error?: { innerError?: { code?: string } } } | undefined)?.error?.innerError?.code;
  if (error.statusCode === 401) return ["401: the vault does not know who we are. Check which credential answered, and its tenant."];
  if (error.statusCode !== 403) return [`${error.statusCode}: ${error.message.split(/\r?\n/)[0]}`];
  const line = (name: string) => error.message.split(/\r?\n/).find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
  const caller = /name=([^;]+)/.exec(line("Caller") ?? "")?.[1] ?? "this identity";
  const action = /'([^']+)'/.exec(line("Action") ?? "")?.[1] ?? "";
  const resource = /'([^']+)'/.exec(line("Resource") ?? "")?.[1] ?? "";
  const verb = /secrets\/([^/]+)\//.exec(action)?.[1] ?? "";
  const role = ROLE_FOR_ACTION[verb] ?? "Key Vault Secrets Officer";
  return [
    `403 ${inner ?? "Forbidden"}: ${caller} may not perform ${verb || action} on ${resource}.`,
    `Grant the smallest role that has it: ${role}, on that scope:`,
    `  az role assignment create --role "${role}" --assignee <object-id of ${caller}> --scope ${resource}`,
    "(role assignments can take a few minutes to apply)",
  ];
}

try {
  const db = await client.getSecret("DatabasePassword");
  const stripe = await client.getSecret("StripeApiKey");
  console.log(`ready: DatabasePassword ${db.properties.version?.slice(0, 8)}…, StripeApiKey ${stripe.properties.version?.slice(0, 8)}…`);
} catch (error) {
  if (!isRestError(error)) throw error;
  for (const line of explain(error)) console.log(line);
  process.exit(1);
}
