'use strict';
/**
 * @apollo/utils.createhash as the service's bundle links it (scripts/bundle-api.mjs). The original
 * reaches Node's crypto through `module.require`, which a bundled CommonJS module lacks, so it fell
 * back to sha.js, a hash written in JavaScript, for the SHA-256 Apollo takes of every request's
 * query (the key of its parsed-document cache). Here that hash is Node's, and the hex SHA-256 of
 * one string is remembered for the few hundred most recent short queries: clients send the same
 * few documents again and again, and the hash of a string never changes.
 */
const crypto = require('node:crypto');

const REMEMBERED = 500;
const LONGEST_REMEMBERED = 20_000;
const hexSha256 = new Map();

function rememberedHexSha256(text) {
  let hash = hexSha256.get(text);
  if (hash === undefined) {
    hash = crypto.hash('sha256', text, 'hex');
    if (hexSha256.size >= REMEMBERED) hexSha256.delete(hexSha256.keys().next().value);
    hexSha256.set(text, hash);
  }
  return hash;
}

class Hash {
  constructor(kind) {
    this.kind = kind;
    this.parts = [];
  }

  update(data, encoding) {
    this.parts.push([data, encoding]);
    return this;
  }

  digest(encoding) {
    const [only] = this.parts;
    if (this.kind === 'sha256' && encoding === 'hex' && this.parts.length === 1 && typeof only[0] === 'string') {
      if (only[0].length <= LONGEST_REMEMBERED) return rememberedHexSha256(only[0]);
    }
    const hash = crypto.createHash(this.kind);
    for (const [data, dataEncoding] of this.parts) hash.update(data, dataEncoding);
    return hash.digest(encoding);
  }
}

exports.createHash = (kind) => new Hash(kind);
