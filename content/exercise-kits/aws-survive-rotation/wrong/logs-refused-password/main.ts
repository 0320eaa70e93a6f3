import { GetSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { AuthenticationFailed, query } from "./db";

const client = new SecretsManagerClient({ region: process.env.AWS_REGION ?? "eu-west-1" });
const SecretId = "payments/db-credentials";
const TTL_MS = 5 * 60_000;

interface Cached {
  password: string;
  versionId: string;
  fetchedAt: number;
}
let cache: Cached | undefined;

async function read(VersionStage: "AWSCURRENT" | "AWSPENDING"): Promise<Cached> {
  const secret = await client.send(new GetSecretValueCommand({ SecretId, VersionStage }));
  const { password } = JSON.parse(secret.SecretString ?? "{}") as { password: string };
  console.log(`fetched ${VersionStage} version ${secret.VersionId?.slice(0, 8)}…`);
  return { password, versionId: secret.VersionId ?? "", fetchedAt: Date.now() };
}

async function cachedPassword(): Promise<Cached> {
  if (!cache || Date.now() - cache.fetchedAt >= TTL_MS) cache = await read("AWSCURRENT");
  return cache;
}

// The cached password was refused: find the one the database has now, in at most two reads.
async function refresh(refused: Cached): Promise<Cached> {
  const current = await read("AWSCURRENT");
  if (current.versionId !== refused.versionId) return current; // the rotation finished: a new AWSCURRENT
  // AWSCURRENT has not moved: a rotation is between setSecret and finishSecret, and the database
  // already has the AWSPENDING password.
  try {
    return await read("AWSPENDING");
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return current; // no rotation under way
    throw error;
  }
}

async function run(sql: string): Promise<string> {
  const used = await cachedPassword();
  try {
    return await query(used.password, sql);
  } catch (error) {
    if (!(error instanceof AuthenticationFailed)) throw error;
    console.log(`the database refused the cached password ${used.password}: looking for the new one`);
    cache = await refresh(used);
    return query(cache.password, sql); // retry once, never loop
  }
}

// Twelve queries, 300 ms apart. While they run, payments/db-credentials is rotated.
for (let i = 1; i <= 12; i++) {
  if (i > 1) await new Promise((resolve) => setTimeout(resolve, 300));
  console.log(`query ${i}: ${await run("select 1")}`);
}
