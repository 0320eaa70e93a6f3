import type { ExerciseScenario } from "../../schemas/exercise-scenario.ts";
import type { AzureWorldConfig } from "../../runtime/azure/host/index";

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
  /** The example's mock Azure Key Vault world (vault scenario + machine), if it has one. */
  vault?: AzureWorldConfig;
  /** Present on a graded exercise. */
  exercise?: {
    scenario: ExerciseScenario;
    /** Hints as HTML, shown one at a time. */
    hintsHtml: string[];
  };
}
