/**
 * For logs: the last 4 characters behind a fixed "****", so the length does not leak either.
 * Secrets shorter than 12 characters are hidden completely (4 would be a third of them).
 */
export function mask(secret: string): string {
  return secret.length < 12 ? "****" : `****${secret.slice(-4)}`;
}
