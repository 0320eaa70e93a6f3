import { isoSeconds } from "./clock.ts";

/**
 * A CloudTrail-style record of every call the simulated AWS answers, refused ones included:
 * when, who (principal ARN and access key), which service and action, on which resource, the
 * outcome and AWS's error code. Secret values never enter it (no field holds one), so the
 * inspector may show it and graders may read it.
 */
export interface AwsEvent {
  /** Unix seconds on the engine's clock. */
  readonly time: number;
  /** `2026-12-02T10:15:32Z`, as CloudTrail's eventTime. */
  readonly eventTime: string;
  /** `secretsmanager.amazonaws.com`, `sts.amazonaws.com`, `kms.amazonaws.com`, `ec2-metadata`, `ecs-agent`. */
  readonly eventSource: string;
  /** The API action: GetSecretValue, AssumeRole; or RotationSucceeded, a rotation step, ... */
  readonly eventName: string;
  readonly region: string;
  /** `anonymous` when the request could not be authenticated. */
  readonly principalArn: string;
  readonly accessKeyId?: string;
  /** The secret, role or key ARN the call was about (or the id as given, when unknown). */
  readonly resource?: string;
  readonly result: "success" | "failure";
  readonly errorCode?: string;
  readonly errorMessage?: string;
  /** Non-secret request parameters worth showing (VersionStage, VersionId, RoleSessionName). */
  readonly detail?: Readonly<Record<string, string>>;
}

export type AwsEventInput = Omit<AwsEvent, "eventTime">;
export type AwsEventListener = (event: AwsEvent) => void;

export class EventLog {
  readonly #events: AwsEvent[] = [];
  readonly #listeners = new Set<AwsEventListener>();

  record(input: AwsEventInput): AwsEvent {
    const event = Object.freeze({ ...input, eventTime: isoSeconds(input.time), ...(input.detail ? { detail: Object.freeze({ ...input.detail }) } : {}) });
    this.#events.push(event);
    for (const listener of this.#listeners) listener(event);
    return event;
  }

  /** A copy, oldest first. */
  events(filter: { eventName?: string; principalArn?: string } = {}): AwsEvent[] {
    return this.#events.filter(
      (e) => (filter.eventName === undefined || e.eventName === filter.eventName) && (filter.principalArn === undefined || e.principalArn === filter.principalArn),
    );
  }

  subscribe(listener: AwsEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  clear(): void {
    this.#events.length = 0;
  }
}
