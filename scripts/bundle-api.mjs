#!/usr/bin/env node
/**
 * Bundles the built service (dist/apps/api/src/server.js, as tsc emitted it, with every module it
 * imports from dist/ and node_modules) into one CommonJS file, dist/apps/api/bundle/server.cjs, which
 * dist/apps/api/src/main.js runs (apps/api/src/bundled-server.ts: with a V8 code cache made after
 * start-up, which is why it is CommonJS: V8 makes such a cache for a script, not for an ES module).
 * `npm run build` runs it after tsc.
 *
 * Why: unbundled, a start loads some 2,000 modules, and Node's ESM loader spends more CPU resolving,
 * reading and linking them than the service spends starting. One file loads in a fraction of that.
 *
 * The bundle's input is tsc's output, so decorator metadata is already emitted and the @app/* paths
 * already rewritten (tsc-alias). Native modules stay outside (better-sqlite3 loads its .node binary
 * from node_modules), and so do the optional packages Nest and its drivers import only when a
 * feature we do not use is on (microservices, websockets gateways, federation, fastify, ts-morph):
 * they are not installed, and Nest reports a missing one only if asked for it. Any other import the
 * bundler cannot resolve fails the build, rather than failing the service at run time, and so does
 * any `import.meta` the CommonJS output cannot express, but for @nestjs/terminus's check that the
 * packages of its stock indicators are installed: we use none of them (apps/api/src/health).
 */
import { rolldown } from 'rolldown';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const input = join(root, 'dist/apps/api/src/server.js');
const outDir = join(root, 'dist/apps/api/bundle');

const NATIVE = ['better-sqlite3'];
const OPTIONAL_UNUSED = [
  '@apollo/gateway',
  '@apollo/subgraph',
  '@as-integrations/fastify',
  '@nestjs/microservices',
  '@nestjs/websockets',
  'ts-morph',
];
// Our own versions of dependencies' modules that do not work as well bundled (see each file).
const SHIMS = { '@apollo/utils.createhash': join(root, 'scripts/bundle-shims/apollo-createhash.cjs') };
const isExternal = (id) => [...NATIVE, ...OPTIONAL_UNUSED].some((name) => id === name || id.startsWith(`${name}/`));

const started = performance.now();
const problems = [];
const bundle = await rolldown({
  input,
  platform: 'node',
  resolve: { alias: SHIMS },
  external: isExternal,
  logLevel: 'warn',
  onLog(level, log) {
    if (level === 'warn' && log.code === 'UNRESOLVED_IMPORT') problems.push(log.message);
    else if (log.code === 'EMPTY_IMPORT_META') {
      if (!log.id?.includes('/@nestjs/terminus/')) problems.push(log.message);
    } else if (level === 'warn' && log.code !== 'EVAL') process.stderr.write(`bundle-api: ${log.message}\n`);
  },
});
rmSync(outDir, { recursive: true, force: true });
await bundle.write({
  file: join(outDir, 'server.cjs'),
  format: 'cjs',
  // One file: a code cache is made per script.
  codeSplitting: false,
  comments: { legal: true, annotation: false, jsdoc: false },
  sourcemap: true,
});
await bundle.close();
if (problems.length > 0) {
  rmSync(outDir, { recursive: true, force: true });
  process.stderr.write(`bundle-api: the bundle would fail at run time:\n${problems.join('\n')}\n`);
  process.exit(1);
}
process.stderr.write(`bundle-api: dist/apps/api/bundle/server.cjs in ${Math.round(performance.now() - started)} ms\n`);
