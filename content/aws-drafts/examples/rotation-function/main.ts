import { DescribeSecretCommand, RotateSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";

// Alice starts a rotation by hand (her profile). On a schedule, Secrets Manager does the same.
const admin = new SecretsManagerClient({ region: process.env.AWS_REGION ?? "eu-west-1", profile: "alice" });
const SecretId = "payments/db-credentials";

const { VersionId } = await admin.send(new RotateSecretCommand({ SecretId, RotateImmediately: true }));
if (!VersionId) throw new Error("RotateSecret returned no VersionId");
console.log(`rotation started: new version ${VersionId.slice(0, 8)}…`);

// RotateSecret returns at once; the function's four steps run after it. Wait for AWSCURRENT to move.
let stages: Record<string, string[]> = {};
for (let attempt = 0; attempt < 50 && !stages[VersionId]?.includes("AWSCURRENT"); attempt++) {
  await new Promise((resolve) => setTimeout(resolve, 100));
  stages = (await admin.send(new DescribeSecretCommand({ SecretId }))).VersionIdsToStages ?? {};
}
for (const [id, labels] of Object.entries(stages)) console.log(`  ${id.slice(0, 8)}  ${labels.join(", ")}`);
