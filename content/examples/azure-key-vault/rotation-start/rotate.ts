import { SecretClient } from "@azure/keyvault-secrets";
import { AzureCliCredential } from "@azure/identity";
import { changePassword } from "./db";

/**
 * Stands in for Alice rotating the password from her laptop (az login, Key Vault Secrets Officer).
 * In production this is a rotation job; the running service is not told about it.
 */
export async function rotate(): Promise<void> {
  const next = "P@ssw0rd-rotated-demo-only";
  const admin = new SecretClient("https://payments-kv.vault.azure.net", new AzureCliCredential());
  const { properties } = await admin.setSecret("DatabasePassword", next); // 1. a new version in the vault
  changePassword(next); // 2. the database now refuses the old password
  console.log(`[rotation] DatabasePassword is now version ${properties.version?.slice(0, 8)}…; the old password is refused`);
}
