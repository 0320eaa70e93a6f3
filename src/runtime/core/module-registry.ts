/**
 * The fixed set of modules a learner may import besides their own files. Built-ins (fs, path,
 * process, util, dotenv) are installed by the engine; other engines add theirs with
 * `registerModule` (e.g. the mock vault's `@azure/keyvault-secrets`). A factory receives the
 * program's own fetch/process/fs so a mock SDK talks to the simulated network of that run, and may
 * be async so a heavy SDK loads only when a program imports it.
 */
import type { ProcessShim } from './process-shim.ts';

/** What a module factory can use: the running program's own shims. */
export interface ModuleContext {
  fetch: typeof fetch;
  process: ProcessShim;
  console: Console;
  /** The program's `node:fs` module. */
  fs: Record<string, unknown>;
  /** Loads another module of the set (a factory may build on `node:fs` or on a sibling module). */
  require: (name: string) => unknown;
}

export type ModuleFactory = (context: ModuleContext) => unknown;

export interface ModuleDefinition {
  /** The specifier learners write, e.g. `node:fs`. */
  name: string;
  /** Other specifiers for the same module, e.g. `fs`. */
  aliases?: readonly string[];
  factory: ModuleFactory;
}

export class ModuleRegistry {
  private readonly byName = new Map<string, ModuleDefinition>();
  private readonly primary: string[] = [];

  register(definition: ModuleDefinition): this {
    if (!this.byName.has(definition.name)) this.primary.push(definition.name);
    for (const name of [definition.name, ...(definition.aliases ?? [])]) this.byName.set(name, definition);
    return this;
  }

  get(name: string): ModuleDefinition | undefined {
    return this.byName.get(name);
  }

  /** The names to list when an import fails. */
  names(): string[] {
    return [...this.primary];
  }
}

const extraModules: ModuleDefinition[] = [];

/**
 * Adds a module to every run started afterwards in this JavaScript realm. Call it from the code that
 * runs inside the worker (see `sandbox-modules.ts`): factories are functions and cannot cross
 * postMessage.
 */
export function registerModule(name: string, factory: ModuleFactory, options: { aliases?: readonly string[] } = {}): void {
  const index = extraModules.findIndex((definition) => definition.name === name);
  const definition: ModuleDefinition = { name, factory, ...(options.aliases ? { aliases: options.aliases } : {}) };
  if (index === -1) extraModules.push(definition);
  else extraModules[index] = definition;
}

/** Modules added with `registerModule`, in registration order. */
export function registeredModules(): readonly ModuleDefinition[] {
  return extraModules;
}
