import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";

// The region is configuration. No credentials here: the SDK's default chain finds them
// (on this EC2 instance, the instance role payments-app, through the metadata service).
const client = new SecretsManagerClient({ region: process.env.AWS_REGION ?? "eu-west-1" });

const secret = await client.send(new GetSecretValueCommand({ SecretId: "payments/db-credentials" }));
if (secret.SecretString === undefined) throw new Error("payments/db-credentials has no SecretString");

// A database secret is one JSON object: parse it once and keep the fields you use.
interface DbCredentials {
  host: string;
  port: number;
  username: string;
  password: string;
}
const db = JSON.parse(secret.SecretString) as DbCredentials;

// Never print the value: a mask proves it arrived, the version says which one.
console.log(`connecting to ${db.host}:${db.port} as ${db.username} (password ****${db.password.slice(-4)})`);
console.log(`version ${secret.VersionId?.slice(0, 8)}…, stages ${secret.VersionStages?.join(", ")}`);
