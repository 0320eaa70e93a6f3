import { GetRandomPasswordCommand, GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { connect } from "./db";

/** What Secrets Manager sends the rotation function, once per step. */
export interface RotationEvent {
  Step: "createSecret" | "setSecret" | "testSecret" | "finishSecret";
  SecretId: string;
  ClientRequestToken: string;
}

interface DbSecret {
  engine: string;
  host: string;
  port: number;
  username: string;
  password: string;
}

const client = new SecretsManagerClient({ region: process.env.AWS_REGION ?? "eu-west-1" });

// Rotate in one go on the first call: a new password in the secret, then in the database.
export async function handler({ Step, SecretId }: RotationEvent): Promise<void> {
  if (Step !== "createSecret") return; // nothing left to do in the other steps
  const secret = await client.send(new GetSecretValueCommand({ SecretId }));
  const current = JSON.parse(secret.SecretString ?? "{}") as DbSecret;
  const { RandomPassword = "" } = await client.send(new GetRandomPasswordCommand({ PasswordLength: 32, ExcludeCharacters: "/@\"'\\" }));
  await client.send(new PutSecretValueCommand({ SecretId, SecretString: JSON.stringify({ ...current, password: RandomPassword }) }));
  const db = await connect(current.username, current.password);
  await db.alterPassword(RandomPassword);
  console.log(`rotated ${SecretId}`);
}
