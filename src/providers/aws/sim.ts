/**
 * The simulated AWS on 127.0.0.1 for the official SDK in a developer's own Node app, on LocalStack's
 * port: every service at one origin, told apart by the request's signed service (createAwsLocalFetch).
 * Without a seed: an account with one demo secret and a developer user whose fake keys it prints.
 */
import { createAwsEngine, createAwsLocalFetch, parseAwsScenario, AwsScenarioError } from "../../aws/index.ts";
import type { SimFacet } from "../types.ts";

const DEMO_KEY = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };

const DEMO = {
  region: "us-east-1",
  users: [{ name: "developer", policies: [{ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["secretsmanager:*", "sts:*"], Resource: "*" }] }], accessKeys: [DEMO_KEY] }],
  secrets: [{ name: "payments/stripe-api-key", value: '{"api_key":"sk_test_51FakeKeyForSecretsLabOnly"}' }],
};

export const sim: SimFacet = {
  defaultPort: 4566,
  createServer(seed) {
    let scenario;
    try {
      scenario = parseAwsScenario(seed ?? DEMO);
    } catch (error) {
      if (error instanceof AwsScenarioError) throw new Error(error.message);
      throw error;
    }
    const engine = createAwsEngine(scenario);
    // A running server keeps time: credentials expire, deletion windows close.
    return {
      handler: createAwsLocalFetch(engine),
      maxBodyBytes: 1024 * 1024,
      environment: (baseUrl) => ({
        AWS_ENDPOINT_URL: baseUrl,
        AWS_REGION: engine.region,
        ...(seed === undefined ? { AWS_ACCESS_KEY_ID: DEMO_KEY.accessKeyId, AWS_SECRET_ACCESS_KEY: DEMO_KEY.secretAccessKey } : {}),
      }),
      notes: () => [`Simulated AWS account ${engine.accountId} in ${engine.region}: Secrets Manager and STS; SigV4 is checked on every request.`],
    };
  },
};
