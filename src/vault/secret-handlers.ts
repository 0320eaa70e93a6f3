import { VaultErrors } from "./errors.ts";
import { base64UrlDecodeBytes, base64UrlDecodeText, base64UrlEncodeBytes, base64UrlEncodeText } from "./encoding.ts";
import { parseRestoreSecretBody, parseSetSecretBody, parseUpdateSecretBody } from "./request-bodies.ts";
import {
  deletedSecretBundle,
  deletedSecretItem,
  secretBundle,
  secretItem,
  type ListPageWire,
} from "./rest-shapes.ts";
import type { Vault } from "./vault.ts";

/**
 * One handler per secrets operation: map the request to a `Vault` call and the result to the
 * wire shape. Handlers never see transport (Request/Response) or identity; the pipeline in
 * `vault-fetch.ts` has dealt with both before a handler runs.
 */
export interface HandlerContext {
  readonly vault: Vault;
  /** `https://payments-kv.vault.azure.net`: ids and nextLinks are built on it. */
  readonly vaultUrl: string;
  readonly path: string;
  readonly apiVersion: string;
  readonly name: string | undefined;
  readonly version: string | undefined;
  readonly query: URLSearchParams;
  /** The parsed JSON body, for operations that take one. */
  readonly body: unknown;
}

export interface HandlerResult {
  readonly status: number;
  readonly body?: unknown;
  /** The version the operation touched, for the audit log. */
  readonly version?: string;
}

export type SecretHandler = (ctx: HandlerContext) => HandlerResult;

const MAX_PAGE = 25;

function requireName(ctx: HandlerContext): string {
  if (ctx.name === undefined) throw VaultErrors.internal("route without a secret name");
  return ctx.name;
}

export const setSecret: SecretHandler = (ctx) => {
  const input = parseSetSecretBody(ctx.body);
  const view = ctx.vault.setSecret(requireName(ctx), input);
  return { status: 200, body: secretBundle(ctx.vaultUrl, ctx.vault.settings, view, true), version: view.version.version };
};

export const getSecret: SecretHandler = (ctx) => {
  const view = ctx.vault.getSecret(requireName(ctx), ctx.version);
  return { status: 200, body: secretBundle(ctx.vaultUrl, ctx.vault.settings, view, true), version: view.version.version };
};

export const updateSecret: SecretHandler = (ctx) => {
  const patch = parseUpdateSecretBody(ctx.body);
  const view = ctx.vault.updateSecret(requireName(ctx), ctx.version, patch);
  return { status: 200, body: secretBundle(ctx.vaultUrl, ctx.vault.settings, view, false), version: view.version.version };
};

export const listSecrets: SecretHandler = (ctx) => {
  const items = ctx.vault.listSecrets().map((view) => ({
    key: view.name.toLowerCase(),
    item: secretItem(ctx.vaultUrl, ctx.vault.settings, view, false),
  }));
  return { status: 200, body: page(ctx, items) };
};

export const listSecretVersions: SecretHandler = (ctx) => {
  const items = ctx.vault.listVersions(requireName(ctx)).map((view, index) => ({
    // Zero-padded creation order: sorts like the list, survives nothing being removed.
    key: String(index).padStart(8, "0"),
    item: secretItem(ctx.vaultUrl, ctx.vault.settings, view, true),
  }));
  return { status: 200, body: page(ctx, items) };
};

export const deleteSecret: SecretHandler = (ctx) => {
  const deleted = ctx.vault.deleteSecret(requireName(ctx));
  return { status: 200, body: deletedSecretBundle(ctx.vaultUrl, ctx.vault.settings, deleted), version: deleted.latest.version };
};

export const getDeletedSecret: SecretHandler = (ctx) => {
  const deleted = ctx.vault.getDeletedSecret(requireName(ctx));
  return { status: 200, body: deletedSecretBundle(ctx.vaultUrl, ctx.vault.settings, deleted) };
};

export const listDeletedSecrets: SecretHandler = (ctx) => {
  const items = ctx.vault.listDeletedSecrets().map((d) => ({
    key: d.name.toLowerCase(),
    item: deletedSecretItem(ctx.vaultUrl, ctx.vault.settings, d),
  }));
  return { status: 200, body: page(ctx, items) };
};

export const recoverDeletedSecret: SecretHandler = (ctx) => {
  const view = ctx.vault.recoverDeletedSecret(requireName(ctx));
  return { status: 200, body: secretBundle(ctx.vaultUrl, ctx.vault.settings, view, false), version: view.version.version };
};

export const purgeDeletedSecret: SecretHandler = (ctx) => {
  ctx.vault.purgeDeletedSecret(requireName(ctx));
  return { status: 204 };
};

export const backupSecret: SecretHandler = (ctx) => {
  const blob = ctx.vault.backupSecret(requireName(ctx));
  return { status: 200, body: { value: base64UrlEncodeBytes(blob) } };
};

export const restoreSecret: SecretHandler = (ctx) => {
  const encoded = parseRestoreSecretBody(ctx.body);
  const blob = base64UrlDecodeBytes(encoded);
  if (!blob) throw VaultErrors.badParameter("Invalid request body: property 'value' must be a base64url-encoded backup blob.");
  const view = ctx.vault.restoreSecret(blob);
  return { status: 200, body: secretBundle(ctx.vaultUrl, ctx.vault.settings, view, false), version: view.version.version };
};

/**
 * Key Vault paging: at most `maxresults` (1-25, default 25) per page, and an absolute
 * `nextLink` carrying the api-version and a `$skiptoken` (base64 of a marker, as Azure's).
 * The marker is the sort key of the last item sent, so a page boundary survives secrets
 * being added or deleted between calls.
 */
function page<T>(ctx: HandlerContext, items: Array<{ key: string; item: T }>): ListPageWire<T> {
  const max = parseMaxResults(ctx.query.get("maxresults"));
  const marker = parseSkipToken(ctx.query.get("$skiptoken"));
  const sorted = [...items].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const start = marker === undefined ? 0 : sorted.findIndex((e) => e.key > marker);
  const rest = start < 0 ? [] : sorted.slice(start);
  const pageItems = rest.slice(0, max);
  const last = pageItems[pageItems.length - 1];
  const nextLink =
    rest.length > max && last
      ? `${ctx.vaultUrl}${ctx.path}?api-version=${encodeURIComponent(ctx.apiVersion)}&$skiptoken=${base64UrlEncodeText(
          JSON.stringify({ NextMarker: last.key, TargetLocation: 0 }),
        )}&maxresults=${max}`
      : null;
  return { value: pageItems.map((e) => e.item), nextLink };
}

function parseMaxResults(raw: string | null): number {
  if (raw === null || raw === "") return MAX_PAGE;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > MAX_PAGE) {
    // Ours: Azure answers BadParameter; the wording here names the allowed range.
    throw VaultErrors.badParameter(`The value of 'maxresults' must be a whole number from 1 to ${MAX_PAGE}, got '${raw}'.`);
  }
  return n;
}

function parseSkipToken(raw: string | null): string | undefined {
  if (raw === null || raw === "") return undefined;
  const text = base64UrlDecodeText(raw);
  let marker: unknown;
  try {
    marker = text === undefined ? undefined : (JSON.parse(text) as { NextMarker?: unknown }).NextMarker;
  } catch {
    marker = undefined;
  }
  if (typeof marker !== "string") {
    throw VaultErrors.badParameter("The '$skiptoken' is not valid: pass the nextLink from the previous page unchanged.");
  }
  return marker;
}
