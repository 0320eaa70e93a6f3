import {
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from "@aws-sdk/client-secrets-manager";
import { AuthenticationFailed, connect } from "./db";

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

async function read(SecretId: string, which: { VersionId?: string; VersionStage: string }): Promise<DbSecret> {
  const secret = await client.send(new GetSecretValueCommand({ SecretId, ...which }));
  return JSON.parse(secret.SecretString ?? "{}") as DbSecret;
}

export async function handler({ Step, SecretId, ClientRequestToken: token }: RotationEvent): Promise<void> {
  // Secrets Manager may call a step again: every step checks the state before it acts.
  const { RotationEnabled, VersionIdsToStages = {} } = await client.send(new DescribeSecretCommand({ SecretId }));
  if (!RotationEnabled) throw new Error(`${SecretId} is not enabled for rotation`);
  const stages = VersionIdsToStages[token];
  if (!stages) throw new Error(`${SecretId} has no version ${token} to rotate to`);
  if (stages.includes("AWSCURRENT")) return; // this rotation already finished
  if (!stages.includes("AWSPENDING")) throw new Error(`version ${token} of ${SecretId} is not AWSPENDING`);

  if (Step === "createSecret") await createSecret(SecretId, token);
  else if (Step === "setSecret") await setSecret(SecretId, token);
  else if (Step === "testSecret") await testSecret(SecretId, token);
  else await finishSecret(SecretId, token, VersionIdsToStages);
}

// 1. A new version labelled AWSPENDING, with a new password; its VersionId is the token.
async function createSecret(SecretId: string, token: string): Promise<void> {
  const current = await read(SecretId, { VersionStage: "AWSCURRENT" });
  try {
    await read(SecretId, { VersionId: token, VersionStage: "AWSPENDING" });
    return; // a retry: the pending value already exists
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  const { RandomPassword } = await client.send(new GetRandomPasswordCommand({ PasswordLength: 32, ExcludeCharacters: "/@\"'\\" }));
  if (!RandomPassword) throw new Error("GetRandomPassword returned no password");
  const SecretString = JSON.stringify({ ...current, password: RandomPassword });
  await client.send(new PutSecretValueCommand({ SecretId, ClientRequestToken: token, SecretString, VersionStages: ["AWSPENDING"] }));
  console.log(`createSecret: version ${token.slice(0, 8)}… is AWSPENDING`);
}

// 2. The database gets the AWSPENDING password (single user: the user changes its own password).
async function setSecret(SecretId: string, token: string): Promise<void> {
  const pending = await read(SecretId, { VersionId: token, VersionStage: "AWSPENDING" });
  try {
    await connect(pending.username, pending.password);
    return; // a retry: the database already has it
  } catch (error) {
    if (!(error instanceof AuthenticationFailed)) throw error;
  }
  const current = await read(SecretId, { VersionStage: "AWSCURRENT" });
  const db = await connect(current.username, current.password);
  await db.alterPassword(pending.password);
  console.log(`setSecret: database user ${pending.username} now has the AWSPENDING password`);
}

// 3. Prove the AWSPENDING password works before anyone is pointed at it.
async function testSecret(SecretId: string, token: string): Promise<void> {
  const pending = await read(SecretId, { VersionId: token, VersionStage: "AWSPENDING" });
  const db = await connect(pending.username, pending.password);
  await db.query("select 1");
  console.log("testSecret: the AWSPENDING password signs in");
}

// 4. Move AWSCURRENT to the new version; Secrets Manager moves AWSPREVIOUS to the old one.
async function finishSecret(SecretId: string, token: string, versions: Record<string, string[]>): Promise<void> {
  const current = Object.keys(versions).find((id) => versions[id]?.includes("AWSCURRENT"));
  await client.send(new UpdateSecretVersionStageCommand({ SecretId, VersionStage: "AWSCURRENT", MoveToVersionId: token, RemoveFromVersionId: current }));
  console.log(`finishSecret: AWSCURRENT is now ${token.slice(0, 8)}…, AWSPREVIOUS ${current?.slice(0, 8)}…`);
}
