import { SecretClient } from "@azure/keyvault-secrets";
import { DefaultAzureCredential } from "@azure/identity";

// Works on a laptop and in Azure alike.
const client = new SecretClient("https://payments-kv.vault.azure.net", new DefaultAzureCredential());

// One secret, by name, kept for at most KEY_CACHE_TTL_MS: a rotation reaches the worker within
// that time, without a restart, and the vault is not asked before every charge.
const ttlMs = Number(process.env.KEY_CACHE_TTL_MS ?? 300_000);
let cached: { value: string; readAt: number } | undefined;

async function paymentsKey(): Promise<string> {
  if (!cached || Date.now() - cached.readAt >= ttlMs) {
    const secret = await client.getSecret("StripeApiKey");
    if (!secret.value) throw new Error("StripeApiKey has no value");
    cached = { value: secret.value, readAt: Date.now() };
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
