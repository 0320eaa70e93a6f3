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
 * The network and its mock servers live on the page, so their state survives runs.
 */
export { createLocalRuntime, type LocalRuntimeOptions } from './local-runtime.ts';
export { SandboxFrame, SANDBOX_FRAME_CSP, sandboxFrameDocument } from './sandbox-frame.ts';
