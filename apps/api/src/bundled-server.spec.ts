import {
  chmodSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBundledServer } from './bundled-server.js';

/** A stand-in for the service's bundle: CommonJS, it notes each run beside itself; `started` settles once it "listens". */
function bundleSource(label: string): string {
  const steps = Array.from({ length: 50 }, (_, i) => `function step${i}(x) { return x * ${i + 1}; }`);
  const total = steps.map((_, i) => `step${i}(1)`).join(' + ');
  return `${steps.join('\n')}
const { appendFileSync } = require('node:fs');
const { basename, join } = require('node:path');
appendFileSync(join(__dirname, 'runs.log'), ${JSON.stringify(label)} + ' ' + basename(__filename) + ' ' + (${total}) + '\\n');
module.exports.started = new Promise((resolve) => setTimeout(resolve, 5));
`;
}

describe('runBundledServer', () => {
  let dir: string;
  let bundle: string;
  let cache: string;
  const runs = () => readFileSync(join(dir, 'runs.log'), 'utf8').trim().split('\n');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bundled-server-'));
    bundle = join(dir, 'server.cjs');
    cache = join(dir, 'cache');
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the bundle as CommonJS, makes a code cache once it has started, and uses it at the next start', async () => {
    writeFileSync(bundle, bundleSource('first'));
    expect(await runBundledServer(bundle, cache)).toBe('cache made');
    expect(runs()).toEqual(['first server.cjs 1275']);
    const [made] = readdirSync(cache);
    expect(statSync(join(cache, made)).size).toBeGreaterThan(0);

    expect(await runBundledServer(bundle, cache)).toBe('cache used');
    expect(runs()).toHaveLength(2);
    expect(readdirSync(cache)).toEqual([made]);
  });

  it('makes a new cache for a rebuilt bundle and removes the old one', async () => {
    writeFileSync(bundle, bundleSource('before'));
    await runBundledServer(bundle, cache);
    const [before] = readdirSync(cache);
    writeFileSync(bundle, bundleSource('after!'));
    utimesSync(bundle, new Date(), new Date(Date.now() + 60_000));

    expect(await runBundledServer(bundle, cache)).toBe('cache made');
    expect(runs()).toEqual(['before server.cjs 1275', 'after! server.cjs 1275']);
    const after = readdirSync(cache);
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(before);
  });

  it('runs without a cache from a folder others may write to', async () => {
    writeFileSync(bundle, bundleSource('shared'));
    await runBundledServer(bundle, cache);
    chmodSync(cache, 0o777);

    expect(await runBundledServer(bundle, cache)).toBe('no cache');
    expect(runs()).toHaveLength(2);
  });
});
