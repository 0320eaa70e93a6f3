import { PutSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { changePassword } from "./db";

/**
 * Stands in for Alice rotating the password from her laptop (her profile, alice). In production a
 * rotation function does this; the running service is not told about it.
 */
export async function rotate(): Promise<void> {
  const next = "P@ssw0rd-rotated-demo-only";
  const admin = new SecretsManagerClient({ region: process.env.AWS_REGION ?? "eu-west-1", profile: "alice" });
  const SecretString = JSON.stringify({ engine: "postgres", host: "db.payments.internal", port: 5432, username: "payments", password: next });
  // 1. a new version; without VersionStages it becomes AWSCURRENT and the old one AWSPREVIOUS
  const { VersionId } = await admin.send(new PutSecretValueCommand({ SecretId: "payments/db-credentials", SecretString }));
  changePassword(next); // 2. the database now refuses the old password
  console.log(`[rotation] payments/db-credentials is now version ${VersionId?.slice(0, 8)}…; the old password is refused`);
}
