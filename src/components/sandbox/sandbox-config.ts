import type { ExerciseScenario } from "../../schemas/exercise-scenario.ts";

/** What the server hands a <secrets-sandbox> island, as JSON in the page. */
export interface SandboxConfig {
  /** Example or exercise id: names drafts and DOM ids. */
  id: string;
  /** File that runs; absent for exercises with nothing to run (a Dockerfile). */
  entry?: string;
  env: Record<string, string>;
  /** The learner's files, relative to /app. */
  sources: Record<string, string>;
  /**
   * `sources` compiled at build time (file name -> module code), so running the files as shown needs
   * no transpiler on the page. Edited files are compiled in the browser.
   */
  compiled?: Record<string, string>;
  /** Files outside /app, e.g. /run/secrets/db_password. */
  virtualFiles: Record<string, string>;
  timeoutMs?: number;
  /**
   * Provider id -> what its sandbox facet starts from (an example's vault world, the payments API's
   * `{}`), built by `sandboxProviderConfigs` in src/providers/registry.ts.
   */
  providers: Record<string, unknown>;
  /** Present on a graded exercise. */
  exercise?: {
    scenario: ExerciseScenario;
    /** Where a rotation gives the secret a new version (`rotationTargetsOf`), for the line Run prints. */
    rotationTargets?: Array<{ store: string; name: string }>;
    /** Hints as HTML, shown one at a time. */
    hintsHtml: string[];
  };
}
