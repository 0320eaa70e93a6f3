/**
 * What grading asks of a provider: a world per grading run, built from the provider's scenario
 * fragment with this run's canaries, that plugs its hosts into the grader's network (every request
 * recorded), fills its placeholder kinds, plays its part of a rotation, runs before and after the
 * program (a Docker host's setup and inspection), lists its leak surfaces and evaluates its checks.
 */
import type { RequestHandler } from "../runtime/network/simulated-network.ts";
import type { CheckContext, Verdict } from "../grading/checks/context.ts";
import type { PlaceholderValues } from "../grading/placeholders.ts";
import type { GradingDeps, GradeReport } from "../grading/types.ts";
import type { ExerciseScenario } from "../schemas/exercise-scenario.ts";
import type { RunEvidence } from "../grading/evidence.ts";

export interface GradingWorldInput<F> {
  /** The provider's own fields, as the scenario wrote them (placeholders unfilled). */
  fragment: F;
  scenario: ExerciseScenario;
  /** This run's values: canaries for `{{secret:...}}`, and every provider's placeholder kinds. */
  values: PlaceholderValues;
  /** The same after the rotation (the rotated secret's new canary). */
  rotatedValues: PlaceholderValues;
  /** Puts a host on the grader's network; every request it receives is recorded (`api` labels a mock API's requests). */
  plug(host: string, handler: RequestHandler, api?: string): void;
  /** The learner's files, relative to /app. */
  learnerFiles: Record<string, string>;
  deps: GradingDeps;
}

/** A text a leak scan reads, as `surfaces.ts` collects them. */
export interface ProviderSurfaceText {
  surface: string;
  location: string;
  text: string;
  note?: string;
}

/**
 * One check kind's definition: its title and its verdict, given the check, the run's evidence and
 * the provider's own world state (undefined when the scenario does not use the provider: a static
 * check needs none).
 */
export interface ProviderCheckDefinition<C, S> {
  title(check: C, ctx: CheckContext): string;
  evaluate(check: C, ctx: CheckContext, state: S | undefined): Verdict | Promise<Verdict>;
}

/** What a provider's world leaves in the evidence and the report. */
export interface ProviderEvidence {
  /** Extra fields for the report (the docker commands the setup ran). */
  report?(mask: (text: string) => string): Partial<Pick<GradeReport, "docker">>;
}

export interface ProviderGradingWorld<S = unknown> extends ProviderEvidence {
  /** What its checks read (the vault engine, the docker evidence). */
  state: S | undefined;
  /** Values of its placeholder kinds for this run (`vault-token` -> a token minted for the identity). */
  placeholders?: Record<string, (name: string) => string>;
  /** Before the program runs (a Docker host: learner files into the context, the setup lines). */
  beforeProgram?(): Promise<void>;
  /** After the program (a Docker host: read the inspected images and containers). */
  afterProgram?(): Promise<void>;
  /** The rotation happens now: give the rotated secret its new value where this provider keeps it. */
  rotate?(): void;
  /** Every text of this provider's state after the run, for one scenario secret. */
  surfaces?(secret: string, evidence: RunEvidence): ProviderSurfaceText[];
  /** Request headers that are the secret's rightful place, by mock API label (not a leak there). */
  rightfulHeaders?(secret: string): Array<{ api: string; header: string }>;
  dispose?(): void;
}

/**
 * A provider's grading facet: its world per run (when the scenario uses it) and its check kinds.
 * `F` is its fragment, `S` its world's state, `C` its checks' union: `defineGrading` keeps them tied.
 */
export interface GradingFacet<F = never, S = never, C extends { kind: string } = never> {
  createWorld?(input: GradingWorldInput<F>): ProviderGradingWorld<S> | Promise<ProviderGradingWorld<S>>;
  checks: { [K in C["kind"]]: ProviderCheckDefinition<Extract<C, { kind: K }>, S> };
}

export function defineGrading<F, S, C extends { kind: string }>(facet: GradingFacet<F, S, C>): GradingFacet<F, S, C> {
  return facet;
}
