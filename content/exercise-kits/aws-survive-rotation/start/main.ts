import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { query } from "./db";

const client = new SecretsManagerClient({ region: process.env.AWS_REGION ?? "eu-west-1" });

// Read once at start-up, like an environment variable. What happens during a rotation?
const secret = await client.send(new GetSecretValueCommand({ SecretId: "payments/db-credentials" }));
const { password } = JSON.parse(secret.SecretString ?? "{}") as { password: string };

// Twelve queries, 300 ms apart. While they run, payments/db-credentials is rotated.
for (let i = 1; i <= 12; i++) {
  if (i > 1) await new Promise((resolve) => setTimeout(resolve, 300));
  console.log(`query ${i}: ${await query(password, "select 1")}`);
}
