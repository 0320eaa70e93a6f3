import { DockerEngine, ManualClock, createDockerShell, type DockerShell } from "../../src/docker-sim/index.ts";

export interface Session {
  engine: DockerEngine;
  shell: DockerShell;
  clock: ManualClock;
  run(line: string): Promise<{ stdout: string; stderr: string; exitCode: number }>;
}

/** A fresh simulated host with a pinned clock, so tables and timestamps are stable. */
export function session(env: Record<string, string> = {}): Session {
  const clock = new ManualClock("2025-01-15T09:30:00.000Z");
  const engine = new DockerEngine({ clock });
  const shell = createDockerShell(engine, { env });
  return { engine, shell, clock, run: (line) => shell.exec(line) };
}

/** Run lines that must succeed (setup steps). */
export async function setup(s: Session, ...lines: string[]): Promise<void> {
  for (const line of lines) {
    const r = await s.run(line);
    if (r.exitCode !== 0) throw new Error(`setup failed: ${line}\n${r.stdout}${r.stderr}`);
  }
}
