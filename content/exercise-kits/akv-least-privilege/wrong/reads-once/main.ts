import { SecretClient } from "@azure/keyvault-secrets";
import { ManagedIdentityCredential } from "@azure/identity";

// The worker's own identity, named: DefaultAzureCredential would take the deploy pipeline's
// AZURE_CLIENT_SECRET left in this environment first, and with it a role on the whole vault.
const client = new SecretClient("https://payments-kv.vault.azure.net", new ManagedIdentityCredential());

// One secret, by name, read once at start-up.
const key = (await client.getSecret("StripeApiKey")).value ?? "";

async function paymentsKey(): Promise<string> {
  return key;
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
