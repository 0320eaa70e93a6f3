import "dotenv/config";
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";

// The payments worker, on the EC2 instance i-1234567890abcdef0. No credentials in code or config:
// the default chain finds none in the environment or ~/.aws and asks the instance metadata service,
// which hands out the instance role payments-app's temporary credentials.
const client = new SecretsManagerClient({ region: process.env.AWS_REGION });

const secret = await client.send(new GetSecretValueCommand({ SecretId: "payments/stripe-api-key" }));
const { api_key } = JSON.parse(secret.SecretString ?? "{}") as { api_key: string };

// Three orders, charged with the key from Secrets Manager.
for (let order = 1; order <= 3; order++) {
  const res = await fetch(`${process.env.PAYMENTS_API_URL}/v1/charges`, {
    method: "POST",
    headers: { Authorization: `Bearer ${api_key}`, "Content-Type": "application/json" },
    body: JSON.stringify({ amount: 1000 + order, currency: "eur", customer: "cus_demo_42" }),
  });
  if (!res.ok) throw new Error(`order ${order}: charge failed (${res.status})`);
  const receipt = (await res.json()) as { amount: number; currency: string; status: string };
  console.log(`order ${order}: charged ${receipt.amount} ${receipt.currency} -> ${receipt.status}`);
}
