/**
 * Browser entry of the runtime engine. A page (the sandbox island) does:
 *
 *   import { createLocalRuntime } from '../runtime/browser.ts';
 *   import { SimulatedNetwork, createPaymentsApi, PAYMENTS_API_HOST } from '../runtime/index.ts';
 *
 *   const payments = createPaymentsApi();
 *   const network = new SimulatedNetwork({ [PAYMENTS_API_HOST]: payments.handler });
 *   const runtime = createLocalRuntime({ network });   // adds a hidden sandbox iframe to <body>
 *   void runtime.warmUp();                              // when the sandbox becomes visible
 *   const result = await runtime.run(
 *     { files: { 'index.ts': code, '/run/secrets/db_password': 'P@ssw0rd-demo-only' }, entry: 'index.ts', env: {} },
 *     { onOutput: ({ stream, text }) => terminal.write(stream, text), signal: stopController.signal },
 *   );
 *   runtime.dispose();                                  // when the island is destroyed
 *
 * The network and its mock servers live on the page, so their state survives runs. For real Node via
 * WebContainers (online, cross-origin isolated pages only) use `createBrowserRuntime({ network,
 * preferWebContainer: true })`: it falls back to the local runtime with a one-line reason.
 */
import { createLocalRuntime, type LocalRuntimeOptions } from './local-runtime.ts';
import type { Runtime } from './types.ts';
import { WebContainerRuntime, type WebContainerLike } from './webcontainer-runtime.ts';

export { createLocalRuntime, type LocalRuntimeOptions } from './local-runtime.ts';
export { SandboxFrame, SANDBOX_FRAME_CSP, sandboxFrameDocument } from './sandbox-frame.ts';

export interface BrowserRuntimeOptions extends LocalRuntimeOptions {
  /** Try WebContainers first (real Node + npm). Default false. */
  preferWebContainer?: boolean;
}

/** The LocalRuntime, or a WebContainerRuntime that falls back to it. */
export function createBrowserRuntime(options: BrowserRuntimeOptions): Runtime {
  const local = createLocalRuntime(options);
  if (!options.preferWebContainer) return local;
  return new WebContainerRuntime({
    fallback: local,
    isCrossOriginIsolated: () => globalThis.crossOriginIsolated === true,
    isOnline: () => navigator.onLine,
    // An opaque response is enough: it proves stackblitz.com answers.
    probe: () => fetch('https://stackblitz.com/favicon.ico', { mode: 'no-cors', cache: 'no-store' }).then(() => true),
    // Loaded only when chosen, so a page that never uses WebContainers never downloads the API.
    boot: async (): Promise<WebContainerLike> => {
      const { WebContainer } = await import('@webcontainer/api');
      return WebContainer.boot({ workdirName: 'app' });
    },
  });
}
