/**
 * The sandbox session engine (no DOM): one sandbox's provider worlds, its runs on the page's runtime
 * and network, an exercise's rotation on Run. `mount-sandbox.ts` wires the DOM around it.
 *
 *   const session = new SandboxSession({ runtime, network, providers: config.providers, loadFacet: loadSandboxFacet });
 *   const result = await session.run({ files, entry, env }, { onOutput, onNotice });
 *   session.reset();   // Reset: fresh worlds next run
 *   session.dispose(); // the sandbox left the page
 */
export { SandboxSession, type SandboxSessionOptions, type SessionRun, type SessionRunHooks } from "./sandbox-session.ts";
