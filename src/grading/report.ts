/**
 * Turns evidence and check results into the GradeReport (every string masked once more, so no
 * check can put a canary in front of a learner by mistake), and formats a report as plain text for
 * terminals (`npm run grade`).
 */
import type { RunEvidence } from "./evidence.ts";
import { LEAK_FORM_DESCRIPTIONS } from "./leak-forms.ts";
import type { CheckResult, GradeReport, LeakFinding } from "./types.ts";

function maskFinding(finding: LeakFinding, mask: (text: string) => string): LeakFinding {
  return { ...finding, location: mask(finding.location), excerpt: mask(finding.excerpt) };
}

function maskResult(result: CheckResult, mask: (text: string) => string): CheckResult {
  return {
    ...result,
    title: mask(result.title),
    expected: mask(result.expected),
    actual: mask(result.actual),
    ...(result.leak ? { leak: maskFinding(result.leak, mask) } : {}),
    ...(result.leaks ? { leaks: result.leaks.map((leak) => maskFinding(leak, mask)) } : {}),
  };
}

export function buildReport(evidence: RunEvidence, results: CheckResult[], mask: (text: string) => string, durationMs: number): GradeReport {
  const checks = results.map((result) => maskResult(result, mask));
  const report: GradeReport = { passed: checks.every((check) => check.passed), checks, durationMs: Math.round(durationMs) };
  const program = evidence.program;
  if (program) {
    report.run = {
      status: program.status,
      exitCode: program.exitCode,
      durationMs: Math.round(program.timings.totalMs),
      output: mask(program.transcript),
      outputTruncated: program.outputTruncated,
      ...(evidence.world.rotation ? { rotatedAtMs: evidence.world.rotation.atMs } : {}),
    };
  }
  for (const world of evidence.world.providers.values()) Object.assign(report, world.report?.(mask));
  return report;
}

/** The report as terminal text: one line per check, details under the failed ones. */
export function formatReport(report: GradeReport): string {
  const lines: string[] = [];
  for (const check of report.checks) {
    lines.push(`${check.passed ? "✓" : "✗"} ${check.title}`);
    if (check.passed) continue;
    lines.push(`    expected: ${check.expected}`, `    actual:   ${check.actual}`);
    for (const leak of check.leaks?.slice(1) ?? []) {
      lines.push(`    also:     ${leak.location}, ${LEAK_FORM_DESCRIPTIONS[leak.form]}${leak.line ? ` (${leak.line.file}:${leak.line.line})` : ""}: ${leak.excerpt}`);
    }
  }
  const passed = report.checks.filter((check) => check.passed).length;
  lines.push("", `${passed} of ${report.checks.length} checks passed.`);
  return lines.join("\n");
}
