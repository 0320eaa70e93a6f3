import { SecretClient } from "@azure/keyvault-secrets";
import { DefaultAzureCredential } from "@azure/identity";

// The payments worker. It runs in Azure with the managed identity payments-api.
const client = new SecretClient("https://payments-kv.vault.azure.net", new DefaultAzureCredential());

// Load every secret of the vault once, at start-up, "so they are all at hand".
const secrets: Record<string, string> = {};
for await (const properties of client.listPropertiesOfSecrets()) {
  const secret = await client.getSecret(properties.name);
  secrets[secret.name] = secret.value ?? "";
}
console.log(`loaded ${Object.keys(secrets).length} secrets: ${Object.keys(secrets).join(", ")}`);

async function paymentsKey(): Promise<string> {
  return secrets["StripeApiKey"] ?? "";
}

// Ten orders, 200 ms apart: StripeApiKey is rotated in the vault while they run.
for (let order = 1; order <= 10; order++) {
  const res = await fetch("https://api.payments.example/v1/charges", {
    method: "POST",
    headers: { Authorization: `Bearer ${await paymentsKey()}`, "Content-Type": "application/json" },
    body: JSON.stringify({ amount: 1000 + order, currency: "eur", customer: "cus_demo_42" }),
  });
  if (!res.ok) throw new Error(`order ${order}: charge failed (${res.status})`);
  const receipt = await res.json();
  console.log(`order ${order}: charged ${receipt.amount} ${receipt.currency} -> ${receipt.status}`);
  await new Promise((resolve) => setTimeout(resolve, 200));
}
