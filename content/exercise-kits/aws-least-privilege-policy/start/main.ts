import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";

// The payments service (do not edit): it reads its database credentials, and nothing else.
const client = new SecretsManagerClient({ region: process.env.AWS_REGION ?? "eu-west-1" });

const secret = await client.send(new GetSecretValueCommand({ SecretId: "payments/db-credentials" }));
const db = JSON.parse(secret.SecretString ?? "{}") as { host: string; port: number; username: string };
console.log(`connecting to ${db.host}:${db.port} as ${db.username}`);
