import { createHash as nodeCreateHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';

interface Hash {
  update(data: string | Buffer): Hash;
  digest(encoding: 'hex' | 'base64'): string;
}

/** The bundle's stand-in for @apollo/utils.createhash (scripts/bundle-shims/apollo-createhash.cjs). */
const shim = join(process.cwd(), 'scripts/bundle-shims/apollo-createhash.cjs');
const { createHash } = createRequire(import.meta.url)(shim) as { createHash: (kind: string) => Hash };

const node = (kind: string, data: string | Buffer, encoding: 'hex' | 'base64' = 'hex') =>
  nodeCreateHash(kind).update(data).digest(encoding);

describe("the bundle's Apollo hash", () => {
  it('gives the SHA-256 of a query, the same when asked again', () => {
    const query = '{ currentOnCall { rotation { id } } }';
    expect(createHash('sha256').update(query).digest('hex')).toBe(node('sha256', query));
    expect(createHash('sha256').update(query).digest('hex')).toBe(node('sha256', query));
  });

  it('tells different queries apart once many have been remembered', () => {
    const queries = Array.from({ length: 1_200 }, (_, i) => `{ q${i} }`);
    for (const query of queries) createHash('sha256').update(query).digest('hex');
    for (const query of [queries[0], queries[700], queries[1_199]]) {
      expect(createHash('sha256').update(query).digest('hex')).toBe(node('sha256', query));
    }
  });

  it('hashes long texts, buffers, several parts, other kinds and encodings as Node does', () => {
    const long = 'x'.repeat(50_000);
    expect(createHash('sha256').update(long).digest('hex')).toBe(node('sha256', long));
    expect(createHash('sha256').update(Buffer.from('abc')).digest('hex')).toBe(node('sha256', 'abc'));
    expect(createHash('sha256').update('ab').update('c').digest('hex')).toBe(node('sha256', 'abc'));
    expect(createHash('sha512').update('schema').digest('hex')).toBe(node('sha512', 'schema'));
    expect(createHash('sha256').update('abc').digest('base64')).toBe(node('sha256', 'abc', 'base64'));
  });
});
