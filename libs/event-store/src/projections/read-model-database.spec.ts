import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReadModelDatabase } from './read-model-database.js';

describe('ReadModelDatabase', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'read-models-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('folds the WAL in rarely while catching up, and back to live settings with the WAL emptied once caught up', () => {
    const path = join(dir, 'read-models.sqlite');
    const readModels = new ReadModelDatabase(path);
    const { db } = readModels;
    const setting = (name: string) => db.pragma(name, { simple: true });
    expect(setting('wal_autocheckpoint')).toBe(1000);

    readModels.catchingUp(true);
    expect(setting('wal_autocheckpoint')).toBe(16384);
    expect(setting('cache_size')).toBe(-262144);
    db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY, doc TEXT)');
    const insert = db.prepare('INSERT INTO t (doc) VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 5000; i++) insert.run('x'.repeat(1000));
    })();
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(4096 * 1000);

    readModels.catchingUp(false);
    expect(setting('wal_autocheckpoint')).toBe(1000);
    expect(setting('cache_size')).toBe(-65536);
    expect(statSync(`${path}-wal`).size).toBe(0);
    expect(db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 5000 });
    readModels.close();
  });
});
