import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";

const region = process.env.AWS_REGION ?? "eu-west-1";

// Who does the default chain sign in as? The first link that has credentials wins, and
// environment variables come before the instance role.
const sts = new STSClient({ region });
const me = await sts.send(new GetCallerIdentityCommand({}));
console.log(`signed in as ${me.Arn}`);

// The access key id (never the secret key) says what kind of credential answered.
const { accessKeyId } = await sts.config.credentials();
console.log(accessKeyId.startsWith("AKIA")
  ? "with a long-term access key (AKIA…): valid until someone deletes it"
  : "with temporary credentials (ASIA…): they expire, and the platform renews them");

const client = new SecretsManagerClient({ region });
const secret = await client.send(new GetSecretValueCommand({ SecretId: "payments/stripe-api-key" }));
const { api_key } = JSON.parse(secret.SecretString ?? "{}") as { api_key: string };
console.log(`payments/stripe-api-key read (${api_key.slice(0, 8)}****)`);
