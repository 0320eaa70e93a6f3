import { DescribeSecretCommand, RotateSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { serve } from "./lambda-runtime";
import { handler } from "./rotation";

// The rotation function payments-db-rotation is rotation.ts; lambda-runtime.ts hosts it, as Lambda would.
const lambda = serve(handler);

// Alice starts a rotation by hand (her profile). On a schedule, Secrets Manager does the same.
const admin = new SecretsManagerClient({ region: process.env.AWS_REGION ?? "eu-west-1", profile: "alice" });
const SecretId = "payments/db-credentials";

const { VersionId } = await admin.send(new RotateSecretCommand({ SecretId, RotateImmediately: true }));
if (!VersionId) throw new Error("RotateSecret returned no VersionId");
console.log(`rotation started: new version ${VersionId.slice(0, 8)}…`);

// Secrets Manager calls the function four times: createSecret, setSecret, testSecret, finishSecret.
// Wait for AWSCURRENT to move to the new version, then show the labels.
let stages: Record<string, string[]> = {};
for (let attempt = 0; attempt < 50 && !stages[VersionId]?.includes("AWSCURRENT"); attempt++) {
  if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100));
  stages = (await admin.send(new DescribeSecretCommand({ SecretId }))).VersionIdsToStages ?? {};
}
for (const [id, labels] of Object.entries(stages)) console.log(`  ${id.slice(0, 8)}  ${labels.join(", ")}`);
await lambda; // the function's environment shuts down once no rotation is left
