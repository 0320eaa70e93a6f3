/**
 * The one place where modules beyond the built-ins are added to the learner's module set. Both worker
 * entries call `installSandboxModules()` at startup, inside the worker, before the first run (module
 * factories are functions, so they must live in the worker's own code).
 *
 * To add one (e.g. the mock vault's SDK), import its factory here and register it:
 *
 *   registerModule('@azure/keyvault-secrets', (context) => createSecretClientModule(context.fetch));
 *
 * A factory may return a Promise (to load a large module only when a program imports it).
 */
import { registerModule } from './core/module-registry.ts';

export function installSandboxModules(register: typeof registerModule = registerModule): void {
  // Nothing yet: the mock vault SDK modules (@azure/keyvault-secrets, @azure/identity) plug in here.
  void register;
}
