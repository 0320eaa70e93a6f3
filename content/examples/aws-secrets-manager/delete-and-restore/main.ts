import {
  DeleteSecretCommand,
  GetSecretValueCommand,
  InvalidRequestException,
  RestoreSecretCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";

// Alice, with her profile. A delete is a schedule, not an instant: 7 to 30 days (30 if you don't say).
const admin = new SecretsManagerClient({ region: process.env.AWS_REGION ?? "eu-west-1", profile: "alice" });
const SecretId = "payments/stripe-api-key";

const deleted = await admin.send(new DeleteSecretCommand({ SecretId, RecoveryWindowInDays: 7 }));
console.log(`${deleted.Name} scheduled for deletion on ${deleted.DeletionDate?.toISOString().slice(0, 10)}`);

try {
  await admin.send(new GetSecretValueCommand({ SecretId }));
} catch (error) {
  if (!(error instanceof InvalidRequestException)) throw error;
  // Every caller now gets this, which is how you find out who still used the secret.
  console.log(`GetSecretValue: ${error.name}: ${error.message}`);
}

await admin.send(new RestoreSecretCommand({ SecretId }));
const back = await admin.send(new GetSecretValueCommand({ SecretId }));
console.log(`restored: version ${back.VersionId?.slice(0, 8)}…, stages ${back.VersionStages?.join(", ")}`);
