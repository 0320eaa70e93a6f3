/**
 * A rotation in the simulated Secrets Manager, for the grader (canaries) and the learner's Run
 * (shown values) alike: each secret whose current value, as the scenario wrote it, holds the rotated
 * scenario secret gets a new version with the rotated value.
 *
 * At once (default): the new version is AWSCURRENT (the old one AWSPREVIOUS), as a rotation
 * function's finishSecret leaves it. Staged (`finishAfterMs`): the new version is AWSPENDING now,
 * as createSecret leaves it, while setSecret has already changed the database (the scenario's
 * virtual files change at the rotation); AWSCURRENT moves to it `finishAfterMs` later, with
 * finishSecret. In between, AWSCURRENT holds a value the database refuses: single-user rotation's
 * window, which a program must survive by trying AWSPENDING.
 */
import { fillPlaceholders, referencesSecret, type PlaceholderValues } from "../../grading/placeholders.ts";
import type { AwsEngine, Secret } from "../../aws/index.ts";
import type { RotationTarget } from "../types.ts";

type AwsTemplate = { secrets?: Array<{ name: string; value?: unknown }> };

export interface AwsRotationOptions {
  finishAfterMs?: number;
}

/** Secrets Manager secrets whose value holds `{{secret:<name>}}`. */
export function awsRotationTargets(template: AwsTemplate | undefined, secret: string): RotationTarget[] {
  return (template?.secrets ?? []).flatMap((item) => (typeof item.value === "string" && referencesSecret(item.value, secret) ? [{ store: "Secrets Manager", name: item.name }] : []));
}

/** Rotates; returns a function that cancels a staged rotation's pending finishSecret. */
export function rotateAwsSecrets(engine: AwsEngine, template: unknown, secret: string, rotatedValues: PlaceholderValues, options: AwsRotationOptions = {}): () => void {
  const secrets = (template as AwsTemplate | undefined)?.secrets ?? [];
  const timers: Array<ReturnType<typeof setTimeout>> = [];
  for (const { name } of awsRotationTargets(template as AwsTemplate | undefined, secret)) {
    const value = secrets.find((item) => item.name === name)?.value;
    const stored = engine.secrets.find(name);
    if (typeof value !== "string" || !stored) continue;
    const secretString = fillPlaceholders(value, rotatedValues);
    if (options.finishAfterMs === undefined) {
      engine.secrets.putValue(stored, { secretString }, undefined);
      continue;
    }
    const { version } = engine.secrets.putValue(stored, { secretString }, undefined, ["AWSPENDING"]);
    logRotation(engine, stored, "RotationStarted", version.versionId);
    timers.push(setTimeout(() => finish(engine, stored, version.versionId), options.finishAfterMs));
  }
  return () => timers.forEach((timer) => clearTimeout(timer));
}

/** finishSecret, then Secrets Manager's own clean-up: AWSCURRENT moves, AWSPENDING goes. */
function finish(engine: AwsEngine, secret: Secret, versionId: string): void {
  if (!secret.versions.has(versionId) || engine.secrets.find(secret.name) !== secret) return;
  engine.secrets.moveStage(secret, "AWSCURRENT", versionId);
  const version = secret.versions.get(versionId);
  if (version) version.stages = version.stages.filter((stage) => stage !== "AWSPENDING");
  secret.lastRotatedDate = Math.floor(engine.clock.now());
  logRotation(engine, secret, "RotationSucceeded", versionId);
}

function logRotation(engine: AwsEngine, secret: Secret, eventName: string, token: string): void {
  engine.events.record({
    time: Math.floor(engine.clock.now()),
    eventSource: "secretsmanager.amazonaws.com",
    eventName,
    region: engine.region,
    principalArn: "secretsmanager.amazonaws.com",
    resource: secret.arn,
    result: "success",
    detail: { ClientRequestToken: token },
  });
}
