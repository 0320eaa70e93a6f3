import type { AuditLog } from "./audit-log.ts";
import type { VaultClock } from "./clock.ts";
import { randomBytes, hex } from "./encoding.ts";
import { VaultError } from "./errors.ts";
import type { Vault } from "./vault.ts";

/**
 * Rotation policies: "give this secret a new version every N seconds", on the vault's clock.
 *
 *   engine.rotation.add({ vault: "payments-kv", secret: "StripeApiKey", afterSeconds: 3600,
 *     generate: ({ rotation }) => `sk_test_51FakeRotated${rotation}` });
 *   engine.clock.advance(3600);    // -> StripeApiKey has a new latest version
 *
 * A new version is due when the latest one is `afterSeconds` old (Key Vault's `timeAfterCreate`
 * trigger), so a policy repeats by itself and a version someone set by hand restarts the count,
 * as with a real rotation function. Due versions are created when the clock is advanced and
 * before every request (`runDue()`), each with `created` at its due time, not at "now": after
 * `advance(3 * 86400)` on a daily policy the inspector shows three versions one day apart.
 *
 * Every rotation is audited as `SecretNewVersionCreated` by `rotation-policy` (the Event Grid
 * event Key Vault publishes), so the log shows when the value changed under the program.
 */
export interface RotationContext {
  readonly vault: string;
  readonly secret: string;
  /** 1 for the first version this policy creates, then 2, 3, ... */
  readonly rotation: number;
  /** Unix seconds the new version is created at. */
  readonly at: number;
}

export interface RotationPolicyInput {
  vault: string;
  secret: string;
  /** Age of the latest version, in seconds, at which a new one is created. */
  afterSeconds: number;
  /** The new value. Default: `<secret>-rotated-<n>-<random hex>`. */
  generate?: (context: RotationContext) => string;
  contentType?: string;
  /** New versions expire this many seconds after they are created (sets `exp`). */
  expiresAfterSeconds?: number;
}

export interface RotationPolicy {
  readonly vault: string;
  readonly secret: string;
  readonly afterSeconds: number;
  /** Versions this policy has created so far. */
  readonly rotations: number;
  /** When the next version is due (unix seconds), or undefined when the secret is gone or deleted. */
  nextRotation(): number | undefined;
  /** Stops the policy; versions it made stay. */
  cancel(): void;
}

/** The identity rotation entries carry in the audit log. */
export const ROTATION_IDENTITY = "rotation-policy";

/** One `advance()` over years of a one-second policy must not freeze the page. */
const MAX_ROTATIONS_PER_RUN = 1000;

export interface RotationDeps {
  clock: VaultClock;
  audit: AuditLog;
  vault(name: string): Vault | undefined;
}

export class RotationPolicies {
  readonly #deps: RotationDeps;
  readonly #policies = new Set<PolicyState>();

  constructor(deps: RotationDeps) {
    this.#deps = deps;
    deps.clock.onAdvance?.(() => this.runDue());
  }

  add(input: RotationPolicyInput): RotationPolicy {
    if (!Number.isFinite(input.afterSeconds) || input.afterSeconds <= 0) {
      throw new RangeError(`afterSeconds must be a positive number of seconds, got ${input.afterSeconds}`);
    }
    if (input.expiresAfterSeconds !== undefined && !(input.expiresAfterSeconds > 0)) {
      throw new RangeError(`expiresAfterSeconds must be positive, got ${input.expiresAfterSeconds}`);
    }
    const vault = this.#deps.vault(input.vault);
    if (!vault) throw new RangeError(`No vault named '${input.vault}' for the rotation policy of '${input.secret}'.`);
    // Fails now (SecretNotFound) rather than silently never rotating.
    vault.getSecretProperties(input.secret);
    const state: PolicyState = { input: { ...input, vault: vault.name }, rotations: 0 };
    this.#policies.add(state);
    return this.#view(state);
  }

  /** Every active policy, in the order they were added. */
  list(): RotationPolicy[] {
    return [...this.#policies].map((state) => this.#view(state));
  }

  /** Creates every version that is due by the clock's time. Cheap when none is. */
  runDue(): void {
    const now = this.#deps.clock.now();
    for (const state of this.#policies) {
      for (let i = 0; i < MAX_ROTATIONS_PER_RUN; i++) {
        const due = this.#due(state);
        if (due === undefined || due > now) break;
        this.#rotate(state, due);
      }
    }
  }

  #view(state: PolicyState): RotationPolicy {
    const policies = this.#policies;
    return {
      vault: state.input.vault,
      secret: state.input.secret,
      afterSeconds: state.input.afterSeconds,
      get rotations() {
        return state.rotations;
      },
      nextRotation: () => this.#due(state),
      cancel: () => void policies.delete(state),
    };
  }

  /** Latest version's created + afterSeconds; undefined when there is no active secret to rotate. */
  #due(state: PolicyState): number | undefined {
    const vault = this.#deps.vault(state.input.vault);
    try {
      const latest = vault?.getSecretProperties(state.input.secret).version;
      return latest ? latest.created + state.input.afterSeconds : undefined;
    } catch (error) {
      // Deleted (or purged): nothing to rotate until it is recovered.
      if (error instanceof VaultError) return undefined;
      throw error;
    }
  }

  #rotate(state: PolicyState, at: number): void {
    const { input } = state;
    const vault = this.#deps.vault(input.vault)!;
    const created = Math.floor(at);
    const context: RotationContext = { vault: vault.name, secret: input.secret, rotation: state.rotations + 1, at: created };
    const value = input.generate ? input.generate(context) : `${input.secret}-rotated-${context.rotation}-${hex(randomBytes(4))}`;
    const view = vault.setSecret(
      input.secret,
      {
        value,
        ...(input.contentType !== undefined ? { contentType: input.contentType } : {}),
        ...(input.expiresAfterSeconds !== undefined ? { exp: created + Math.floor(input.expiresAfterSeconds) } : {}),
      },
      { created },
    );
    state.rotations += 1;
    this.#deps.audit.record({
      time: created,
      vault: vault.name,
      identity: ROTATION_IDENTITY,
      operation: "SecretNewVersionCreated",
      secretName: view.name,
      version: view.version.version,
      status: 200,
    });
  }
}

interface PolicyState {
  readonly input: RotationPolicyInput;
  rotations: number;
}
