import "dotenv/config";
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";

// "Use the role": trade deploy-bot's key for the role's temporary credentials.
const sts = new STSClient({ region: process.env.AWS_REGION });
const { Credentials } = await sts.send(new AssumeRoleCommand({
  RoleArn: "arn:aws:iam::123456789012:role/payments-app",
  RoleSessionName: "payments-worker",
}));
const client = new SecretsManagerClient({
  region: process.env.AWS_REGION,
  credentials: {
    accessKeyId: Credentials?.AccessKeyId ?? "",
    secretAccessKey: Credentials?.SecretAccessKey ?? "",
    sessionToken: Credentials?.SessionToken,
  },
});

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
