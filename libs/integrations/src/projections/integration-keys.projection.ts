import { Injectable } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import {
  cachedStatement,
  ReadModelProjection,
  readDoc,
  toDomainEvent,
  type Projection,
  type RecordedEvent,
} from '@app/event-store';
import { integrationKeyDecider, type IntegrationKey } from '../domain/integration-key/integration-key.decider.js';
import type { IntegrationKeyEvent } from '../domain/integration-key/integration-key.events.js';

/** Integration keys by id and by the hash of their secret: what the alert endpoints look a key up in. */
@ReadModelProjection()
@Injectable()
export class IntegrationKeysProjection implements Projection {
  readonly name = 'integration-keys';
  readonly version = 1;
  private db?: Database;

  setUp(db: Database): void {
    this.db = db;
    db.exec(`
      CREATE TABLE IF NOT EXISTS integration_keys (
        integration_key_id TEXT PRIMARY KEY,
        key_hash           TEXT NOT NULL UNIQUE,
        created_at         TEXT NOT NULL,
        doc                TEXT NOT NULL
      )`);
  }

  tearDown(db: Database): void {
    db.exec('DROP TABLE IF EXISTS integration_keys');
  }

  apply(recorded: RecordedEvent, db: Database): void {
    if (recorded.type !== 'IntegrationKeyCreated' && recorded.type !== 'IntegrationKeyRevoked') return;
    const event = toDomainEvent<IntegrationKeyEvent>(recorded);
    const current = readDoc<IntegrationKey>(
      db,
      'SELECT doc FROM integration_keys WHERE integration_key_id = ?',
      event.data.integrationKeyId,
    );
    const next = integrationKeyDecider.evolve(current, event);
    if (!next) return;
    cachedStatement(
      db,
      'INSERT OR REPLACE INTO integration_keys (integration_key_id, key_hash, created_at, doc) VALUES (?, ?, ?, ?)',
    ).run(next.integrationKeyId, next.keyHash, next.createdAt, JSON.stringify(next));
  }

  find(integrationKeyId: string): IntegrationKey | null {
    return readDoc<IntegrationKey>(
      this.database(),
      'SELECT doc FROM integration_keys WHERE integration_key_id = ?',
      integrationKeyId,
    );
  }

  /** The key whose secret hashes to `keyHash`, revoked or not. */
  byHash(keyHash: string): IntegrationKey | null {
    return readDoc<IntegrationKey>(this.database(), 'SELECT doc FROM integration_keys WHERE key_hash = ?', keyHash);
  }

  all(): IntegrationKey[] {
    return cachedStatement<[], { doc: string }>(
      this.database(),
      'SELECT doc FROM integration_keys ORDER BY created_at, integration_key_id',
    )
      .all()
      .map((row) => JSON.parse(row.doc) as IntegrationKey);
  }

  private database(): Database {
    if (!this.db) throw new Error('The integration-keys projection is not set up yet');
    return this.db;
  }
}
