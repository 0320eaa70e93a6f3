import type { SimulatedDatabase } from "./database.ts";

/**
 * A rotation function: what a Lambda does when Secrets Manager calls it, here a callback
 * (the sandbox supplies one that runs the learner's TypeScript). Secrets Manager calls it
 * four times, with Step createSecret, setSecret, testSecret, finishSecret, and the function
 * works through the Secrets Manager API with its execution role's credentials, exactly as
 * AWS's rotation templates do.
 */
export type RotationStep = "createSecret" | "setSecret" | "testSecret" | "finishSecret";
export const ROTATION_STEPS: readonly RotationStep[] = ["createSecret", "setSecret", "testSecret", "finishSecret"];

export interface RotationEvent {
  Step: RotationStep;
  SecretId: string;
  ClientRequestToken: string;
}

export interface RotationInvocation {
  functionArn: string;
  region: string;
  /**
   * The execution role's temporary credentials (a Lambda's AWS_ACCESS_KEY_ID, ...), in the
   * shape an SDK client's `credentials` option takes.
   */
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date };
  /** The database the secret's credentials open, when the scenario has one. */
  database: SimulatedDatabase | undefined;
}

export type RotationFunction = (event: RotationEvent, invocation: RotationInvocation) => Promise<void> | void;

export interface RotationRecord {
  readonly secretArn: string;
  readonly token: string;
  readonly steps: ReadonlyArray<{ step: RotationStep; ok: boolean; error?: string }>;
  readonly outcome: "succeeded" | "failed";
}
