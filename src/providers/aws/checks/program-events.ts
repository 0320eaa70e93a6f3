import type { AwsEngine, AwsEvent } from "../../../aws/index.ts";

/**
 * The calls the learner's program made: every event signed by a principal, minus what Secrets
 * Manager does on its own (a rotation's start and finish are logged as `secretsmanager.amazonaws.com`)
 * and the credential handouts of the metadata service and the ECS agent (the SDK's chain, not a call
 * the program chose).
 */
export function programEvents(engine: AwsEngine): AwsEvent[] {
  return engine.events.events().filter((e) => e.principalArn !== "secretsmanager.amazonaws.com" && e.eventSource !== "ec2-metadata" && e.eventSource !== "ecs-agent");
}

/** A secret's name as an event names it: by ARN once found (name-XXXXXX), else as the caller gave it. */
export function eventSecretName(engine: AwsEngine, event: AwsEvent): string | undefined {
  const resource = event.resource;
  if (!resource) return undefined;
  for (const secret of engine.secrets.list()) if (secret.arn === resource) return secret.name;
  const m = /:secret:(.+?)(-[A-Za-z0-9]{6})?$/.exec(resource);
  return m ? m[1] : resource;
}

/** `GetSecretValue payments/db-credentials`, as the messages name a call. */
export function describeCall(engine: AwsEngine, event: AwsEvent): string {
  const name = event.eventSource === "secretsmanager.amazonaws.com" ? eventSecretName(engine, event) : event.resource;
  return name ? `${event.eventName} ${name}` : event.eventName;
}

/** The role a session ARN belongs to: `arn:aws:sts::<account>:assumed-role/<role>/<session>`. */
export const assumedRole = (arn: string): string | undefined => /:assumed-role\/([^/]+)\//.exec(arn)?.[1];
