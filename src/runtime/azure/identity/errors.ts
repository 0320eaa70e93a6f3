/**
 * The error classes of `@azure/identity`, with the same names and the same chain semantics: a
 * `CredentialUnavailableError` means "this link is not configured here, try the next one"; any other
 * error (an `AuthenticationError`: the link is configured but Entra ID refused it) stops the chain,
 * because silently falling through to another identity would hide a real misconfiguration.
 */
export class CredentialUnavailableError extends Error {
  /** A short reason for the chain's explanation ("AZURE_CLIENT_SECRET is not set"); the message stays the real one. */
  readonly reason: string;

  constructor(message: string, reason: string = message) {
    super(message);
    this.name = 'CredentialUnavailableError';
    this.reason = reason;
  }
}

/** What Entra ID answered when it refused a token request (OAuth error body). */
export interface AuthenticationErrorBody {
  error: string;
  error_description: string;
}

export class AuthenticationError extends Error {
  readonly statusCode: number;
  readonly errorResponse: { error: string; errorDescription: string };

  constructor(statusCode: number, body: AuthenticationErrorBody) {
    super(`${body.error}(status code ${statusCode}).\nMore details:\n${body.error_description}`);
    this.name = 'AuthenticationError';
    this.statusCode = statusCode;
    this.errorResponse = { error: body.error, errorDescription: body.error_description };
  }
}

/** Thrown by a chain when every link was unavailable; `errors` holds each link's reason, in order. */
export class AggregateAuthenticationError extends Error {
  readonly errors: readonly unknown[];

  constructor(errors: readonly unknown[], message = 'ChainedTokenCredential authentication failed.') {
    super(`${message}\n${errors.map((error) => String(error)).join('\n')}`);
    this.name = 'AggregateAuthenticationError';
    this.errors = errors;
  }
}
