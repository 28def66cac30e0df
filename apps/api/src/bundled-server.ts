import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import vm from 'node:vm';

interface BundleExports {
  /** Settles once the service listens (server.ts). */
  started?: Promise<void>;
}

/**
 * Runs the service's bundle (scripts/bundle-api.mjs: server.js and every module it imports, as one
 * CommonJS file) and keeps a V8 code cache of it, made once the service listens, so the next start
 * neither parses nor compiles the functions start-up runs. Node's own compile cache cannot do that:
 * it keeps a module's code as compiled before it ran, without the functions compiled lazily since.
 *
 * The cache is a file per bundle, Node version and Node flags in a folder of the OS's temporary directory only
 * this user may write (anything else there is ignored, as a cache someone else could write would run
 * their code); V8 refuses a cache made by another V8 or with other flags, and it is then made again.
 */
export async function runBundledServer(
  bundle: string,
  cacheFolder = join(tmpdir(), `incident-coordination-code-cache-${process.getuid?.() ?? 'user'}`),
): Promise<'cache used' | 'cache made' | 'no cache'> {
  const cache = codeCacheFile(bundle, cacheFolder);
  const cachedData = cache ? readIfPresent(cache.file) : undefined;
  const source = readFileSync(bundle, 'utf8');
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundle,
    cachedData,
    importModuleDynamically: ((specifier: string) =>
      import(specifier)) as unknown as vm.ScriptOptions['importModuleDynamically'],
  });
  const module: { exports: BundleExports } = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  await module.exports.started;
  if (!cache) return 'no cache';
  if (cachedData && !script.cachedDataRejected) return 'cache used';
  return save(cache, script.createCachedData()) ? 'cache made' : 'no cache';
}

interface CacheFile {
  folder: string;
  /** The name's start shared by the caches of this bundle's path made by this Node with these flags: older builds'. */
  prefix: string;
  file: string;
}

function codeCacheFile(bundle: string, folder: string): CacheFile | undefined {
  const uid = process.getuid?.();
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const owner = statSync(folder);
    if ((uid !== undefined && owner.uid !== uid) || (owner.mode & 0o022) !== 0) return undefined;
    const { size, mtimeMs } = statSync(bundle);
    const prefix = hash(`${bundle}\0${process.version}\0${process.arch}\0${process.execArgv.join(' ')}`);
    const build = hash(`${size}\0${mtimeMs}`);
    return { folder, prefix, file: join(folder, `${prefix}-${build}.v8cache`) };
  } catch {
    return undefined;
  }
}

const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 24);

function readIfPresent(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Written whole or not at all (a rename); it only saves time, so a failure to write is no error. */
function save({ folder, prefix, file }: CacheFile, data: Buffer): boolean {
  try {
    for (const name of readdirSync(folder)) {
      if (name.startsWith(`${prefix}-`)) rmSync(join(folder, name), { force: true });
    }
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, data, { mode: 0o600 });
    renameSync(partial, file);
    return true;
  } catch {
    return false; // the next start runs without a cache and tries again
  }
}
