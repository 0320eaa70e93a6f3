import { GetSecretValueCommand, SecretsManagerClient, SecretsManagerServiceException } from "@aws-sdk/client-secrets-manager";

const client = new SecretsManagerClient({ region: process.env.AWS_REGION ?? "eu-west-1" });

async function tryRead(SecretId: string): Promise<void> {
  try {
    const secret = await client.send(new GetSecretValueCommand({ SecretId }));
    console.log(`${SecretId}: read, version ${secret.VersionId?.slice(0, 8)}…`);
  } catch (error) {
    if (!(error instanceof SecretsManagerServiceException)) throw error;
    // name is the service's error type; the message says who asked, for what, and why not.
    console.log(`${SecretId}: ${error.name}`);
    console.log(`  ${error.message}`);
  }
}

// One the role may read, one it was never granted, and one under a KMS key it may not use.
for (const id of ["payments/stripe-api-key", "reporting/warehouse-password", "payments/db-credentials"]) {
  await tryRead(id);
}
