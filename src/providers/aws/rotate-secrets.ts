/**
 * A rotation in the simulated Secrets Manager, for the grader (canaries) and the learner's Run
 * (shown values) alike: each secret whose current value, as the scenario wrote it, holds the rotated
 * scenario secret gets a new AWSCURRENT version with the rotated value (the old one becomes
 * AWSPREVIOUS), as a rotation function's finishSecret leaves it.
 */
import { fillPlaceholders, referencesSecret, type PlaceholderValues } from "../../grading/placeholders.ts";
import type { AwsEngine } from "../../aws/index.ts";
import type { RotationTarget } from "../types.ts";

type AwsTemplate = { secrets?: Array<{ name: string; value?: unknown }> };

/** Secrets Manager secrets whose value holds `{{secret:<name>}}`. */
export function awsRotationTargets(template: AwsTemplate | undefined, secret: string): RotationTarget[] {
  return (template?.secrets ?? []).flatMap((item) => (typeof item.value === "string" && referencesSecret(item.value, secret) ? [{ store: "Secrets Manager", name: item.name }] : []));
}

export function rotateAwsSecrets(engine: AwsEngine, template: unknown, secret: string, rotatedValues: PlaceholderValues): void {
  const secrets = (template as AwsTemplate | undefined)?.secrets ?? [];
  for (const { name } of awsRotationTargets(template as AwsTemplate | undefined, secret)) {
    const value = secrets.find((item) => item.name === name)?.value;
    const stored = engine.secrets.find(name);
    if (typeof value === "string" && stored) engine.secrets.putValue(stored, { secretString: fillPlaceholders(value, rotatedValues) }, undefined);
  }
}
