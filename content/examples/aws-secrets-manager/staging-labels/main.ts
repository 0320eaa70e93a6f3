import { GetSecretValueCommand, ListSecretVersionIdsCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";

// On Alice's laptop: AWS_PROFILE=alice makes the default chain use her profile in ~/.aws/credentials.
const client = new SecretsManagerClient({ region: process.env.AWS_REGION ?? "eu-west-1" });
const SecretId = "payments/db-credentials";

// Versions and their staging labels, never values. Versions without a label are deprecated:
// listed only when asked for, and Secrets Manager may delete them.
const { Versions = [] } = await client.send(new ListSecretVersionIdsCommand({ SecretId, IncludeDeprecated: true }));
Versions.sort((a, b) => (a.CreatedDate?.getTime() ?? 0) - (b.CreatedDate?.getTime() ?? 0));
console.log(`${Versions.length} versions of ${SecretId}, oldest first:`);
for (const version of Versions) {
  const day = version.CreatedDate?.toISOString().slice(0, 10);
  const labels = version.VersionStages?.length ? version.VersionStages.join(", ") : "(no label: deprecated)";
  console.log(`  ${version.VersionId?.slice(0, 8)}  ${day}  ${labels}`);
}

// Without VersionId or VersionStage, GetSecretValue returns AWSCURRENT. AWSPREVIOUS is the last known good one.
const previous = await client.send(new GetSecretValueCommand({ SecretId, VersionStage: "AWSPREVIOUS" }));
console.log(`AWSPREVIOUS is version ${previous.VersionId?.slice(0, 8)}…, from ${previous.CreatedDate?.toISOString().slice(0, 10)}`);
