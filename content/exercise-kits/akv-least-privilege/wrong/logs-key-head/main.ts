import { SecretClient } from "@azure/keyvault-secrets";
import { ManagedIdentityCredential } from "@azure/identity";

// The worker's own identity, named: DefaultAzureCredential would take the deploy pipeline's
// AZURE_CLIENT_SECRET left in this environment first, and with it a role on the whole vault.
const client = new SecretClient("https://payments-kv.vault.azure.net", new ManagedIdentityCredential());

// One secret, by name, kept for at most KEY_CACHE_TTL_MS: a rotation reaches the worker within
// that time, without a restart, and the vault is not asked before every charge.
const ttlMs = Number(process.env.KEY_CACHE_TTL_MS ?? 300_000);
let cached: { value: string; readAt: number } | undefined;

async function paymentsKey(): Promise<string> {
  if (!cached || Date.now() - cached.readAt >= ttlMs) {
    const secret = await client.getSecret("StripeApiKey");
    if (!secret.value) throw new Error("StripeApiKey has no value");
    cached = { value: secret.value, readAt: Date.now() };
    // To see in the logs which key is in use after a rotation.
    console.log(`using key ${secret.value.slice(0, 16)}…`);
  }
  return cached.value;
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
