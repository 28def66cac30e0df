/**
 * Makes every end-to-end test file runnable on its own: the tests that run the built service as a
 * child process (test/support/service-process.ts) need dist/ built from the current sources, so
 * before such a run the build is brought up to date (scripts/build-if-changed.mjs: nothing to do
 * when dist/ is current, as right after `npm run build`). Runs once, before any worker starts.
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

export default function ensureBuiltServiceForProcessTests(globalConfig) {
  const root = globalConfig.rootDir;
  const usersOfTheBuild = e2eFiles(join(root, 'test'))
    .filter((file) => readFileSync(file, 'utf8').includes('/support/service-process.js'))
    .map((file) => relative(root, file));
  const patterns = globalConfig.nonFlagArgs ?? [];
  const needed =
    patterns.length === 0
      ? usersOfTheBuild.length > 0
      : usersOfTheBuild.some((file) => patterns.some((pattern) => file.includes(pattern) || safeMatch(pattern, file)));
  if (!needed) return;
  const build = spawnSync(process.execPath, [join(root, 'scripts/build-if-changed.mjs')], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  });
  if (build.status !== 0) throw new Error('The build the service-process tests need failed (see above)');
}

function safeMatch(pattern, file) {
  try {
    return new RegExp(pattern).test(file);
  } catch {
    return false;
  }
}
