import { VaultErrors } from "./errors.ts";

/** The api-versions this mock answers: the ones @azure/keyvault-secrets 4.x sends. */
export const SUPPORTED_API_VERSIONS = [
  "7.0",
  "7.1",
  "7.2",
  "7.3",
  "7.4",
  "7.5",
  "7.6",
  "2025-07-01",
  "2026-04-01",
] as const;

export const LATEST_API_VERSION = "2026-04-01";

/**
 * Reads `api-version` from already-decoded query parameters (the SDK sends the name
 * percent-encoded, `api%2Dversion`, which URLSearchParams decodes; never match raw text).
 */
export function checkApiVersion(query: URLSearchParams): string {
  const version = query.get("api-version");
  if (version === null || version === "") throw VaultErrors.missingApiVersion();
  if (!(SUPPORTED_API_VERSIONS as readonly string[]).includes(version)) {
    throw VaultErrors.unknownApiVersion(version, LATEST_API_VERSION);
  }
  return version;
}
