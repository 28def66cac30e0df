#!/usr/bin/env node
/**
 * Builds dist/ only when what it is built from has changed since the last build.
 *
 *   node scripts/build-if-changed.mjs           build (npm run build) unless dist/ is up to date
 *   node scripts/build-if-changed.mjs --stamp   record that dist/ was just built from the sources
 *   node scripts/build-if-changed.mjs --web     build dist/web alone (vite) unless it is up to date
 *   node scripts/build-if-changed.mjs --stamp-web   record that dist/web was just built
 *
 * The inputs are the files tsconfig.build.json compiles (apps, libs, bench, the test service
 * helper; no specs, no testing/ folders), the script bundling the service (scripts/bundle-api.mjs),
 * the web app's sources (apps/web: .tsx, .css, index.html, its Vite and TypeScript configuration; Vite builds it into dist/web) and the files that shape the
 * build (tsconfig*.json, package.json, package-lock.json). Their contents are hashed (SHA-256 over paths and bytes, about
 * 0.1 s) and the hash is kept in dist/.build-stamp. Everything this script or the build prints goes
 * to standard error, so `TOKEN=$(npm run -s token:admin ...)` captures the token alone.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const [nodeMajor, nodeMinor] = process.versions.node.split('.').map(Number);
if (nodeMajor < 22 || (nodeMajor === 22 && nodeMinor < 12)) {
  process.stderr.write(`This project needs Node 22.12 or later (Node 22 or 24 LTS); this is Node ${process.versions.node}.\n`);
  process.exit(1);
}

const root = join(fileURLToPath(import.meta.url), '..', '..');
const stampFile = join(root, 'dist', '.build-stamp');
const SOURCE_FOLDERS = ['apps', 'libs', 'bench'];
const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.css', '.html', '.json', '.svg'];
const SINGLE_FILES = [
  'test/support/service-process.ts',
  'scripts/bundle-api.mjs',
  'tsconfig.json',
  'tsconfig.build.json',
  'package.json',
  'package-lock.json',
];

function sourceFiles(folder) {
  const found = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'testing' && entry.name !== 'node_modules') found.push(...sourceFiles(path));
    } else if (SOURCE_EXTENSIONS.some((ext) => entry.name.endsWith(ext)) && !entry.name.endsWith('.spec.ts')) {
      found.push(path);
    }
  }
  return found;
}

function inputsHash(folders = SOURCE_FOLDERS, singleFiles = SINGLE_FILES) {
  const files = [
    ...folders.flatMap((folder) => sourceFiles(join(root, folder))),
    ...singleFiles.map((file) => join(root, file)).filter((file) => existsSync(file)),
  ]
    .map((file) => relative(root, file).split(sep).join('/'))
    .sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(file).update('\0').update(readFileSync(join(root, file))).update('\0');
  }
  return hash.digest('hex');
}

// A packaged image (Dockerfile) carries dist/ without the sources, and its `npm ci` runs before
// they are copied in: there is nothing to build from.
if (!existsSync(join(root, 'apps'))) process.exit(0);

const webStampFile = join(root, 'dist', 'web', '.build-stamp');
const webInputsHash = () => inputsHash([join('apps', 'web')], ['package-lock.json']);

function run(script) {
  const npm = process.env.npm_execpath
    ? [process.execPath, [process.env.npm_execpath, 'run', '-s', script]]
    : ['npm', ['run', '-s', script]];
  return spawnSync(npm[0], npm[1], { cwd: root, stdio: ['ignore', 2, 2] }).status ?? 1;
}

if (process.argv.includes('--stamp-web')) {
  writeFileSync(webStampFile, `${webInputsHash()}\n`);
  process.exit(0);
}
if (process.argv.includes('--web')) {
  const built = existsSync(webStampFile) ? readFileSync(webStampFile, 'utf8').trim() : '';
  if (built === webInputsHash() && existsSync(join(root, 'dist', 'web', 'index.html'))) process.exit(0);
  process.stderr.write('The web app changed since its last build: building dist/web\n');
  process.exit(run('build:web'));
}

const wanted = inputsHash();
if (process.argv.includes('--stamp')) {
  writeFileSync(stampFile, `${wanted}\n`);
} else {
  const built = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : '';
  const complete = ['apps/api/src/main.js', 'apps/api/bundle/server.cjs', 'web/index.html'].every((file) => existsSync(join(root, 'dist', file)));
  if (built === wanted && complete) {
    process.exit(0);
  }
  process.stderr.write(built ? 'Sources changed since the last build: building\n' : 'No build yet: building\n');
  process.exit(run('build'));
}
