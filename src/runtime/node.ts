/**
 * Node entry of the runtime engine (tests, scripts): NodeRuntime. Kept apart from `index.ts` so that
 * browser bundles never see `node:worker_threads`.
 */
export { createNodeRuntime, type NodeRuntimeOptions } from './node-runtime.ts';
