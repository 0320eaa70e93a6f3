/**
 * The `dotenv` package as lessons use it, behaving like dotenv 16: `config()` reads `/app/.env`
 * (or `options.path`), fills `process.env` without overriding variables that are already set (unless
 * `override: true`) and returns `{ parsed }`, or `{ error }` when the file is missing; it prints
 * nothing. `import 'dotenv/config'` runs `config()` on import, honouring `DOTENV_CONFIG_PATH`.
 */
import { resolveFrom, SANDBOX_CWD } from './path-shim.ts';
import type { VirtualFs } from './virtual-fs.ts';

const LINE = /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/gm;

/** dotenv's own parser (same regular expression and quote rules). */
export function parseDotenv(source: string): Record<string, string> {
  const parsed: Record<string, string> = {};
  const lines = source.replace(/\r\n?/gm, '\n');
  for (const match of lines.matchAll(LINE)) {
    const key = match[1];
    if (key === undefined) continue;
    let value = (match[2] ?? '').trim();
    const quote = value[0];
    value = value.replace(/^(['"`])([\s\S]*)\1$/gm, '$2');
    if (quote === '"') value = value.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
    parsed[key] = value;
  }
  return parsed;
}

export interface DotenvConfigOptions {
  path?: string | string[];
  override?: boolean;
  processEnv?: Record<string, string | undefined>;
  encoding?: string;
  debug?: boolean;
  quiet?: boolean;
}

export function createDotenvModule(vfs: VirtualFs, env: Record<string, string | undefined>): Record<string, unknown> {
  const populate = (target: Record<string, string | undefined>, values: Record<string, string>, override: boolean): void => {
    for (const [key, value] of Object.entries(values)) {
      if (override || !Object.prototype.hasOwnProperty.call(target, key)) target[key] = value;
    }
  };

  const config = (options: DotenvConfigOptions = {}): { parsed?: Record<string, string>; error?: Error } => {
    const paths = options.path === undefined ? [`${SANDBOX_CWD}/.env`] : Array.isArray(options.path) ? options.path : [options.path];
    const parsed: Record<string, string> = {};
    let lastError: Error | undefined;
    for (const path of paths) {
      try {
        Object.assign(parsed, parseDotenv(vfs.readFile(resolveFrom(SANDBOX_CWD, path))));
      } catch (error) {
        lastError = error instanceof Error ? error : new Error(String(error));
      }
    }
    populate(options.processEnv ?? env, parsed, options.override === true);
    return lastError && Object.keys(parsed).length === 0 ? { parsed, error: lastError } : { parsed };
  };

  const dotenv: Record<string, unknown> = {
    config,
    parse: (source: string | Uint8Array) => parseDotenv(typeof source === 'string' ? source : new TextDecoder().decode(source)),
    populate: (target: Record<string, string | undefined>, values: Record<string, string>, options: { override?: boolean } = {}) =>
      populate(target, values, options.override === true),
  };
  dotenv['default'] = dotenv;
  return dotenv;
}

/** What `import 'dotenv/config'` does. */
export function createDotenvConfigModule(dotenv: Record<string, unknown>, env: Record<string, string | undefined>): Record<string, unknown> {
  const config = dotenv['config'] as (options?: DotenvConfigOptions) => unknown;
  const path = env['DOTENV_CONFIG_PATH'];
  config(path ? { path } : {});
  return {};
}
