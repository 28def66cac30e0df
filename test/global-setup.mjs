/**
 * Makes every end-to-end test file runnable on its own: the tests that run the built service as a
 * child process (test/support/service-process.ts) need dist/ built from the current sources, so
 * before such a run the build is brought up to date (scripts/build-if-changed.mjs: nothing to do
 * when dist/ is current, as right after `npm run build`). The browser tests (test/web, through
 * test/web/support/browser.ts) need dist/web built from the current apps/web: it is rebuilt
 * (vite, about a second) when its sources changed. Runs once, before any worker starts.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

function e2eFiles(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return e2eFiles(path);
    return entry.name.endsWith('.e2e-spec.ts') ? [path] : [];
  });
}

function selectedUsersOf(globalConfig, helper) {
  const root = globalConfig.rootDir;
  const users = e2eFiles(join(root, 'test'))
    .filter((file) => readFileSync(file, 'utf8').includes(helper))
    .map((file) => relative(root, file));
  const patterns = globalConfig.nonFlagArgs ?? [];
  return patterns.length === 0
    ? users.length > 0
    : users.some((file) => patterns.some((pattern) => file.includes(pattern) || safeMatch(pattern, file)));
}

function build(root, args, what) {
  const result = spawnSync(process.execPath, [join(root, 'scripts/build-if-changed.mjs'), ...args], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  });
  if (result.status !== 0) throw new Error(`The build ${what} need failed (see above)`);
}

export default function ensureBuiltServiceForProcessTests(globalConfig) {
  const root = globalConfig.rootDir;
  if (selectedUsersOf(globalConfig, '/support/service-process.js')) build(root, [], 'the service-process tests');
  if (selectedUsersOf(globalConfig, '/support/browser.js')) build(root, ['--web'], 'the browser tests');
}

function safeMatch(pattern, file) {
  try {
    return new RegExp(pattern).test(file);
  } catch {
    return false;
  }
}
