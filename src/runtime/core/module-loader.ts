/**
 * Loads the learner's program the way Node loads ES modules, in two phases:
 * 1. link: starting at the entry, transpile every reachable learner file and resolve every import,
 *    so a syntax error or an unknown module anywhere is reported before any code runs;
 * 2. evaluate: run modules dependencies-first, awaiting each body, so top-level `await` in an
 *    imported file finishes before its importer runs.
 * Each learner module is wrapped in an async function (top-level await) whose parameters shadow the
 * Node globals with the sandbox's shims; `require` inside it returns already-evaluated modules.
 */
import { dirname, resolveFrom } from './path-shim.ts';
import type { ModuleContext, ModuleRegistry } from './module-registry.ts';
import type { LearnerSources, SourceLocation } from './stack-trace.ts';
import type { CompiledFiles, Transpile } from './compiled-code.ts';
import type { VirtualFs } from './virtual-fs.ts';

/** Evaluates wrapped module code named `sourceUrl` and returns the wrapper function. */
export type Evaluate = (code: string, sourceUrl: string) => unknown;

/** Names of the wrapper's parameters, in order; `ModuleLoader` passes `globals` values for the last ones. */
const MODULE_PARAMETERS = ['exports', 'require', 'module', '__filename', '__dirname'] as const;

export class LinkError extends Error {
  /** Where the problem is, when it is in a learner file. */
  readonly location: SourceLocation | undefined;
  /** `SyntaxError` for code that does not parse, `Error` for resolution failures (like Node). */
  readonly kind: 'SyntaxError' | 'Error';

  constructor(message: string, location: SourceLocation | undefined, kind: 'SyntaxError' | 'Error') {
    super(message);
    this.name = kind;
    this.location = location;
    this.kind = kind;
  }
}

type LinkedModule =
  | { kind: 'learner'; path: string; code: string; dependencies: Map<string, string> }
  | { kind: 'builtin'; name: string };

const REQUIRE_CALL = /\brequire\(\s*(['"])([^'"]+)\1\s*\)/g;
const EXTENSIONS = ['', '.ts', '.tsx', '.mts', '.js', '.mjs', '.json', '/index.ts', '/index.js'];

export interface ModuleLoaderOptions {
  vfs: VirtualFs;
  registry: ModuleRegistry;
  sources: LearnerSources;
  evaluate: Evaluate;
  /** Shims passed to every module under these names (process, console, fetch, timers...). */
  globals: Record<string, unknown>;
  context: () => ModuleContext;
  /** Turns a learner file into a module body; may load the transpiler first (browser). */
  transpile: Transpile;
  /** Code compiled in advance, by absolute path; used only where its source is the file's text. */
  compiled?: CompiledFiles;
}

export class ModuleLoader {
  private readonly linked = new Map<string, LinkedModule>();
  private readonly order: string[] = [];
  private readonly exportsByKey = new Map<string, unknown>();
  /** Files this loader transpiled itself (no compiled code came with the run), by absolute path. */
  readonly transpiled: CompiledFiles = {};

  private readonly options: ModuleLoaderOptions;

  constructor(options: ModuleLoaderOptions) {
    this.options = options;
  }

  /** Resolves a specifier to a module key: an absolute learner path or a registry name. */
  private resolve(specifier: string, importer: string): string {
    if (specifier.startsWith('./') || specifier.startsWith('../') || specifier.startsWith('/')) {
      const base = resolveFrom(dirname(importer), specifier);
      // TypeScript's ESM style imports `./config.js` meaning `./config.ts`.
      const candidates = [...EXTENSIONS.map((ext) => base + ext), base.replace(/\.js$/, '.ts'), base.replace(/\.mjs$/, '.mts')];
      const found = candidates.find((candidate) => this.options.vfs.exists(candidate) && !this.options.vfs.isDirectory(candidate));
      if (found) return found;
      throw new LinkError(`Cannot find module '${specifier}' imported from ${importer}`, undefined, 'Error');
    }
    const definition = this.options.registry.get(specifier) ?? this.options.registry.get(specifier.replace(/^node:/, ''));
    if (definition) return definition.name;
    const available = this.options.registry.names().join(', ');
    throw new LinkError(
      `Cannot find module '${specifier}' imported from ${importer}\n` +
        `The sandbox has no npm packages. You can import your own files (./name) and these modules: ${available}`,
      undefined,
      'Error',
    );
  }

  /** Phase 1. Rejects with LinkError. */
  async link(entry: string): Promise<string> {
    const entryPath = this.options.vfs.resolve(entry);
    if (!this.options.vfs.exists(entryPath)) throw new LinkError(`Cannot find module '${entryPath}'`, undefined, 'Error');
    await this.visit(entryPath);
    return entryPath;
  }

  private async visit(key: string): Promise<void> {
    if (this.linked.has(key)) return;
    if (!key.startsWith('/')) {
      this.linked.set(key, { kind: 'builtin', name: key });
      this.order.push(key);
      return;
    }
    const source = this.options.vfs.readFile(key);
    this.options.sources.add(key, source);
    if (key.endsWith('.json')) {
      this.linked.set(key, { kind: 'learner', path: key, code: `module.exports = ${source.trim() || 'null'};`, dependencies: new Map() });
      this.order.push(key);
      return;
    }
    // The text is checked here, against the file the program will see: two names for one path
    // (`main.ts` and `/app/main.ts`) could otherwise pair one file's code with another's text.
    const compiled = this.options.compiled?.[key];
    const usable = compiled !== undefined && compiled.source === source ? compiled.code : undefined;
    const result = usable !== undefined ? { ok: true as const, code: usable } : await this.options.transpile(key, source);
    if (!result.ok) throw new LinkError(result.message, result.location, 'SyntaxError');
    if (usable === undefined) this.transpiled[key] = { source, code: result.code };
    const dependencies = new Map<string, string>();
    const module: LinkedModule = { kind: 'learner', path: key, code: result.code, dependencies };
    // Registered before its dependencies so an import cycle ends instead of recursing.
    this.linked.set(key, module);
    for (const match of result.code.matchAll(REQUIRE_CALL)) {
      const specifier = match[2] ?? '';
      const resolved = this.resolve(specifier, key);
      dependencies.set(specifier, resolved);
      await this.visit(resolved);
    }
    this.order.push(key);
  }

  /** Phase 2: evaluates every linked module, dependencies first. Rejects with what the program threw. */
  async evaluateAll(): Promise<void> {
    for (const key of this.order) {
      const module = this.linked.get(key);
      if (!module || this.exportsByKey.has(key)) continue;
      if (module.kind === 'builtin') {
        const definition = this.options.registry.get(module.name);
        if (!definition) continue;
        // The placeholder makes an import cycle through a factory see `{}` instead of recursing.
        this.exportsByKey.set(key, {});
        this.exportsByKey.set(key, await definition.factory(this.options.context()));
        continue;
      }
      await this.evaluateLearnerModule(module);
    }
  }

  /** `require` for factories: loads a registry module on demand. */
  requireBuiltin(name: string): unknown {
    const key = this.resolve(name, '/app');
    if (!this.exportsByKey.has(key)) {
      const definition = this.options.registry.get(key);
      this.exportsByKey.set(key, definition ? definition.factory(this.options.context()) : {});
    }
    return this.exportsByKey.get(key);
  }

  private async evaluateLearnerModule(module: Extract<LinkedModule, { kind: 'learner' }>): Promise<void> {
    const record: { exports: unknown } = { exports: {} };
    this.exportsByKey.set(module.path, record.exports);
    const require = (specifier: string): unknown => {
      const key = module.dependencies.get(specifier);
      if (key === undefined) throw new Error(`Cannot find module '${specifier}' imported from ${module.path}`);
      return this.exportsByKey.get(key);
    };
    const globalNames = Object.keys(this.options.globals);
    const parameters = [...MODULE_PARAMETERS, ...globalNames].join(', ');
    // The header and sucrase's helpers share the padding line above the learner's line 1.
    const wrapped = `(async function (${parameters}) {${module.code}\n})\n//# sourceURL=${module.path}`;
    const fn = this.options.evaluate(wrapped, module.path) as (...args: unknown[]) => Promise<void>;
    const args = [record.exports, require, record, module.path, dirname(module.path), ...globalNames.map((name) => this.options.globals[name])];
    const body = fn(...args);
    // `module.exports = ...` (JSON, CommonJS-style learner code) replaces the exports object.
    this.exportsByKey.set(module.path, record.exports);
    await body;
    this.exportsByKey.set(module.path, record.exports);
  }
}
