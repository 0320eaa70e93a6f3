import { describe, expect, it } from "vitest";
import { SUPPORTED_API_VERSIONS, createVaultFetch, type VaultEngine } from "../../src/vault/index.ts";
import { FAKE, START, VAULT_URL, paymentsEngine } from "./fixtures.ts";

// The REST face at the wire: what any HTTP client (curl, fetch, another SDK) sees.

function tokenFor(engine: VaultEngine, identity: string, scope = "https://vault.azure.net/.default"): string {
  return engine.identities.issueToken(identity, [scope]).token;
}

async function call(
  engine: VaultEngine,
  method: string,
  pathAndQuery: string,
  options: { identity?: string | null; body?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; json: () => unknown; text: string }> {
  const identity = options.identity === undefined ? "alice@contoso.example" : options.identity;
  const headers: Record<string, string> = { ...options.headers };
  if (identity) headers.authorization = `Bearer ${tokenFor(engine, identity)}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const url = pathAndQuery.startsWith("http") ? pathAndQuery : `${VAULT_URL}${pathAndQuery}`;
  const response = await createVaultFetch(engine)(
    new Request(url, { method, headers, ...(options.body !== undefined ? { body: options.body } : {}) }),
  );
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) as unknown };
}

const V = "api-version=7.6";

describe("bearer challenge", () => {
  it("answers a request without a token with 401 and the challenge the SDK parses", async () => {
    const res = await call(paymentsEngine(), "GET", `/secrets/StripeApiKey?${V}`, { identity: null });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe(
      'Bearer authorization="https://login.microsoftonline.com/72f988bf-0000-4000-8000-00000000c0de", resource="https://vault.azure.net"',
    );
    expect(res.json()).toEqual({ error: { code: "Unauthorized", message: "AKV10000: Request is missing a Bearer or PoP token." } });
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
  });

  it("refuses a token for another audience with AKV10022", async () => {
    const engine = paymentsEngine();
    const token = tokenFor(engine, "alice@contoso.example", "https://management.azure.com/.default");
    const res = await call(engine, "GET", `/secrets?${V}`, { identity: null, headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(401);
    expect(res.json()).toEqual({
      error: { code: "Unauthorized", message: "AKV10022: Invalid audience. Expected https://vault.azure.net, found: https://management.azure.com." },
    });
  });

  it("refuses an expired token with a claims challenge", async () => {
    const engine = paymentsEngine();
    const token = tokenFor(engine, "alice@contoso.example");
    engine.clock.advance(3600);
    const res = await call(engine, "GET", `/secrets?${V}`, { identity: null, headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(401);
    expect(res.json()).toEqual({
      error: { code: "Unauthorized", message: "The access token expired at 2025-01-01T01:00:00Z; the vault's clock reads 2025-01-01T01:00:00Z." },
    });
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer authorization="https:\/\/login\.microsoftonline\.com\/[0-9a-f-]+", error="insufficient_claims", claims="[A-Za-z0-9+/=]+"$/);
  });
});

describe("api-version", () => {
  it("decodes the query: the SDK sends api%2Dversion", async () => {
    const res = await call(paymentsEngine(), "GET", "/secrets/StripeApiKey/?api%2Dversion=2026-04-01");
    expect(res.status).toBe(200);
  });

  it.each(SUPPORTED_API_VERSIONS)("accepts %s", async (version) => {
    expect((await call(paymentsEngine(), "GET", `/secrets?api-version=${version}`)).status).toBe(200);
  });

  it("rejects a missing or unknown api-version with BadParameter", async () => {
    const engine = paymentsEngine();
    expect((await call(engine, "GET", "/secrets")).json()).toEqual({
      error: {
        code: "BadParameter",
        message: "The api-version query parameter is missing. Add ?api-version=2026-04-01 (or another supported version) to the request URI.",
      },
    });
    const unknown = await call(engine, "GET", "/secrets?api-version=7.7");
    expect(unknown.status).toBe(400);
    expect(unknown.json()).toEqual({
      error: { code: "BadParameter", message: "The specified version (7.7) is not recognized. Consider using the latest supported version (2026-04-01)." },
    });
  });
});

describe("secrets operations", () => {
  it("gets the latest with and without a trailing slash, by any casing of the name", async () => {
    const engine = paymentsEngine();
    const plain = await call(engine, "GET", `/secrets/StripeApiKey?${V}`);
    const slash = await call(engine, "GET", `/secrets/StripeApiKey/?${V}`);
    const lower = await call(engine, "GET", `/secrets/stripeapikey?${V}`);
    expect(plain.json()).toEqual(slash.json());
    expect(lower.json()).toEqual(plain.json());
    expect(plain.json()).toEqual({
      value: FAKE.stripeKey,
      id: expect.stringMatching(/^https:\/\/payments-kv\.vault\.azure\.net\/secrets\/StripeApiKey\/[0-9a-f]{32}$/),
      contentType: "text/plain",
      tags: { owner: "payments" },
      attributes: { enabled: true, created: START, updated: START, recoverableDays: 90, recoveryLevel: "Recoverable+Purgeable" },
    });
  });

  it("soft-deletes to a DeletedSecretBundle without the value, and purges with 204", async () => {
    const engine = paymentsEngine();
    const deleted = await call(engine, "DELETE", `/secrets/DatabasePassword?${V}`);
    expect(deleted.status).toBe(200);
    expect(deleted.json()).toMatchObject({
      recoveryId: `${VAULT_URL}/deletedsecrets/DatabasePassword`,
      deletedDate: START,
      scheduledPurgeDate: START + 90 * 86400,
      attributes: { enabled: true, recoverableDays: 90 },
    });
    expect(deleted.text).not.toContain(FAKE.dbPassword);
    // The delete is still under way: a purge now is refused, and the first read is a 404, as on Azure.
    const early = await call(engine, "DELETE", `/deletedsecrets/DatabasePassword?${V}`);
    expect(early.status).toBe(409);
    expect(early.json()).toMatchObject({ error: { code: "Conflict", message: "Secret DatabasePassword is currently being deleted.", innererror: { code: "ObjectIsBeingDeleted" } } });
    expect((await call(engine, "GET", `/deletedsecrets/DatabasePassword?${V}`)).status).toBe(404);
    expect((await call(engine, "GET", `/deletedsecrets/DatabasePassword?${V}`)).status).toBe(200);
    const purged = await call(engine, "DELETE", `/deletedsecrets/DatabasePassword?${V}`);
    expect(purged.status).toBe(204);
    expect(purged.text).toBe("");
  });

  it("purges soft-deleted secrets by itself once the clock passes scheduledPurgeDate", async () => {
    const engine = paymentsEngine();
    await call(engine, "DELETE", `/secrets/DatabasePassword?${V}`);
    engine.clock.advance(90 * 86400 - 1);
    expect((await call(engine, "GET", `/deletedsecrets/DatabasePassword?${V}`)).status).toBe(200);
    engine.clock.advance(1);
    expect((await call(engine, "GET", `/deletedsecrets/DatabasePassword?${V}`)).status).toBe(404);
    expect((await call(engine, "PUT", `/secrets/DatabasePassword?${V}`, { body: '{"value":"P@ssw0rd-demo-only-new"}' })).status).toBe(200);
  });

  it("pages lists with maxresults and an absolute nextLink", async () => {
    const engine = paymentsEngine();
    for (const name of ["A1", "B2", "C3"]) await call(engine, "PUT", `/secrets/${name}?${V}`, { body: '{"value":"demo-only"}' });
    const first = (await call(engine, "GET", `/secrets?${V}&maxresults=2`)).json() as { value: Array<{ id: string }>; nextLink: string };
    expect(first.value.map((i) => i.id)).toEqual([`${VAULT_URL}/secrets/A1`, `${VAULT_URL}/secrets/B2`]);
    expect(first.nextLink).toMatch(/^https:\/\/payments-kv\.vault\.azure\.net\/secrets\?api-version=7\.6&\$skiptoken=[A-Za-z0-9_-]+&maxresults=2$/);
    const second = (await call(engine, "GET", first.nextLink)).json() as { value: Array<{ id: string }>; nextLink: string };
    expect(second.value.map((i) => i.id)).toEqual([`${VAULT_URL}/secrets/C3`, `${VAULT_URL}/secrets/DatabasePassword`]);
    const third = (await call(engine, "GET", second.nextLink)).json() as { value: Array<{ id: string }>; nextLink: string | null };
    expect(third.value.map((i) => i.id)).toEqual([`${VAULT_URL}/secrets/StripeApiKey`]);
    expect(third.nextLink).toBeNull();
  });

  it.each(["0", "26", "abc", "2.5"])("rejects maxresults=%s", async (raw) => {
    const res = await call(paymentsEngine(), "GET", `/secrets?${V}&maxresults=${raw}`);
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({
      error: { code: "BadParameter", message: `The value of 'maxresults' must be a whole number from 1 to 25, got '${raw}'.` },
    });
  });

  it("answers a forbidden request with Azure's 403 body", async () => {
    const res = await call(paymentsEngine(), "GET", `/secrets?${V}`, { identity: "payments-api" });
    expect(res.status).toBe(403);
    const body = res.json() as { error: { code: string; message: string; innererror: { code: string } } };
    expect(body.error.code).toBe("Forbidden");
    expect(body.error.innererror).toEqual({ code: "ForbiddenByRbac" });
    expect(body.error.message).toContain("Caller: name=payments-api;");
    expect(body.error.message).toContain("Action: 'Microsoft.KeyVault/vaults/secrets/readMetadata/action'");
  });
});

describe("malformed requests get a specific error and change nothing", () => {
  const cases: Array<[string, string, string, string | undefined, number, string]> = [
    ["bad JSON", "PUT", "/secrets/NewSecret", '{"value": "P@ss', 400, "Invalid request body: it is not valid JSON ("],
    ["a JSON array", "PUT", "/secrets/NewSecret", "[1,2]", 400, "Invalid request body: expected a JSON object, got an array."],
    ["no value", "PUT", "/secrets/NewSecret", "{}", 400, "Invalid request body: property 'value' is required (string)."],
    ["a numeric value", "PUT", "/secrets/NewSecret", '{"value": 42}', 400, "Invalid request body: property 'value' must be a string, got a number."],
    ["enabled as a string", "PUT", "/secrets/NewSecret", '{"value":"x","attributes":{"enabled":"yes"}}', 400, "Invalid request body: property 'attributes.enabled' must be a boolean, got a string."],
    ["a fractional exp", "PATCH", "/secrets/StripeApiKey", '{"attributes":{"exp":1.5}}', 400, "Invalid request body: property 'attributes.exp' must be a whole number of unix seconds, got a fractional number."],
    ["nbf after exp", "PATCH", "/secrets/StripeApiKey", '{"attributes":{"nbf":200,"exp":100}}', 400, "Invalid request body: 'attributes.nbf' (200) is after 'attributes.exp' (100); a secret cannot become valid after it expires."],
    ["16 tags", "PATCH", "/secrets/StripeApiKey", JSON.stringify({ tags: Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`t${i}`, "v"])) }), 400, "Invalid request body: property 'tags' at most 15 tags are allowed."],
    ["an underscore in the name", "PUT", "/secrets/my_secret", '{"value":"x"}', 400, "The request URI contains an invalid name: my_secret"],
    ["a 128-character name", "PUT", `/secrets/${"a".repeat(128)}`, '{"value":"x"}', 400, `The request URI contains an invalid name: ${"a".repeat(128)}`],
    ["a 26 KB value", "PUT", "/secrets/NewSecret", JSON.stringify({ value: "x".repeat(26 * 1024) }), 400, "The secret value is 26624 bytes; Key Vault accepts at most 25600 bytes (25 KB)."],
    ["a 10 MB body", "PUT", "/secrets/NewSecret", JSON.stringify({ value: "x".repeat(10 * 1024 * 1024) }), 413, "The request body is larger than the 262144 bytes this vault accepts."],
    ["no body", "PUT", "/secrets/NewSecret", undefined, 400, "Invalid request body: the request has no body; this operation takes a JSON object."],
    ["an unknown route", "GET", "/keys/NewSecret", undefined, 404, "No Key Vault secrets operation matches GET /keys/NewSecret."],
    ["a wrong method", "POST", "/secrets/NewSecret", '{"value":"x"}', 405, "The requested resource does not support http method 'POST' (/secrets/NewSecret)."],
    ["a bad backup blob", "POST", "/secrets/restore", '{"value":"bm90LWEtYmFja3Vw"}', 400, "Backup blob contains invalid or corrupt version."],
  ];

  it.each(cases)("%s", async (_label, method, path, body, status, message) => {
    const engine = paymentsEngine();
    const before = engine.snapshot("payments-kv");
    const res = await call(engine, method, `${path}?${V}`, body === undefined ? {} : { body });
    expect(res.status).toBe(status);
    const error = (res.json() as { error: { message: string } }).error;
    expect(error.message.startsWith(message)).toBe(true);
    expect(error.message).not.toContain("P@ss");
    expect(engine.snapshot("payments-kv")).toEqual(before);
  });

  it("answers an unknown vault host with 404", async () => {
    const res = await call(paymentsEngine(), "GET", `https://other-kv.vault.azure.net/secrets?${V}`);
    expect(res.status).toBe(404);
    expect(res.json()).toEqual({
      error: { code: "VaultNotFound", message: "No vault answers at other-kv.vault.azure.net. Vaults in this sandbox: see the lesson's scenario." },
    });
  });
});
