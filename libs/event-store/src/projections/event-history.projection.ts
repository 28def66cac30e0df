import { Injectable } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import type { RecordedEvent } from '../event-store.port.js';
import type { Projection } from './projection.js';
import { cachedStatement } from './read-model-database.js';
import { ReadModelProjection } from './read-model-projection.decorator.js';

/** Every event, indexed by stream: the history ("who did what, when") of any aggregate. */
@ReadModelProjection()
@Injectable()
export class EventHistoryProjection implements Projection {
  readonly name = 'event-history';
  readonly version = 1;

  setUp(db: Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS event_history (
        position       INTEGER PRIMARY KEY,
        stream_id      TEXT NOT NULL,
        revision       INTEGER NOT NULL,
        type           TEXT NOT NULL,
        actor          TEXT NOT NULL,
        correlation_id TEXT NOT NULL,
        occurred_at    TEXT NOT NULL,
        data           TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS event_history_by_stream ON event_history (stream_id, revision);
    `);
  }

  tearDown(db: Database): void {
    db.exec('DROP TABLE IF EXISTS event_history');
  }

  apply(event: RecordedEvent, db: Database): void {
    cachedStatement(
      db,
      `INSERT OR IGNORE INTO event_history (position, stream_id, revision, type, actor, correlation_id, occurred_at, data)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      event.position,
      event.streamId,
      event.revision,
      event.type,
      event.metadata.actor,
      event.metadata.correlationId,
      event.metadata.occurredAt,
      JSON.stringify(event.data),
    );
  }
}
