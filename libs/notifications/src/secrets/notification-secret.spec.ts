import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { notificationSecret } from './notification-secret.js';

describe('notificationSecret', () => {
  const dir = mkdtempSync(join(tmpdir(), 'notification-secret-'));

  it('uses the configured secret when there is one', () => {
    expect(notificationSecret('x'.repeat(32), join(dir, 'unused'))).toBe('x'.repeat(32));
  });

  it('generates a secret once, readable by its owner only, and reads it back afterwards', () => {
    const file = join(dir, 'nested', 'notification-secret');
    const first = notificationSecret(undefined, file);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(notificationSecret(undefined, file)).toBe(first);
    expect(readFileSync(file, 'utf8')).toBe(first);
  });

  it('refuses a file holding a short secret', () => {
    const file = join(dir, 'short');
    writeFileSync(file, 'short');
    expect(() => notificationSecret(undefined, file)).toThrow(/shorter than 32/);
  });
});
