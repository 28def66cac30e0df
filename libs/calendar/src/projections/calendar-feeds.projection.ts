import { Injectable } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import { decodeCursor, toPage, type Page } from '@app/core';
import {
  cachedStatement,
  ReadModelProjection,
  toDomainEvent,
  type Projection,
  type RecordedEvent,
} from '@app/event-store';
import type { CalendarFeed } from '../domain/calendar-feed.decider.js';
import {
  CALENDAR_FEED_EVENT_TYPES,
  type CalendarFeedEvent,
  type FeedSubjectKind,
} from '../domain/calendar-feed.events.js';

interface FeedRow {
  feedId: string;
  tokenHash: string;
  subjectKind: FeedSubjectKind;
  subjectId: string;
  createdBy: string;
  createdByRole: string;
  createdAt: string;
  revokedAt: string | null;
  revokedBy: string | null;
}

const COLUMNS = `feed_id AS feedId, token_hash AS tokenHash, subject_kind AS subjectKind, subject_id AS subjectId,
  created_by AS createdBy, created_by_role AS createdByRole, created_at AS createdAt,
  revoked_at AS revokedAt, revoked_by AS revokedBy`;

function toFeed(row: FeedRow): CalendarFeed {
  return {
    feedId: row.feedId,
    tokenHash: row.tokenHash,
    subject: { kind: row.subjectKind, id: row.subjectId },
    createdBy: row.createdBy,
    createdByRole: row.createdByRole,
    createdAt: row.createdAt,
    ...(row.revokedAt ? { revokedAt: row.revokedAt } : {}),
    ...(row.revokedBy ? { revokedBy: row.revokedBy } : {}),
  };
}

/** Every calendar feed, found by id or by its token's hash (what `GET /calendar/<token>.ics` looks up). */
@ReadModelProjection()
@Injectable()
export class CalendarFeedsProjection implements Projection {
  readonly name = 'calendar-feeds';
  readonly version = 1;
  private db?: Database;

  setUp(db: Database): void {
    this.db = db;
    db.exec(`CREATE TABLE IF NOT EXISTS calendar_feeds (
      feed_id TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE, subject_kind TEXT NOT NULL, subject_id TEXT NOT NULL,
      created_by TEXT NOT NULL, created_by_role TEXT NOT NULL, created_at TEXT NOT NULL,
      revoked_at TEXT, revoked_by TEXT)`);
    db.exec('CREATE INDEX IF NOT EXISTS calendar_feeds_by_creator ON calendar_feeds (created_by, created_at, feed_id)');
    db.exec('CREATE INDEX IF NOT EXISTS calendar_feeds_by_subject ON calendar_feeds (subject_id, created_at, feed_id)');
  }

  tearDown(db: Database): void {
    db.exec('DROP TABLE IF EXISTS calendar_feeds');
  }

  apply(recorded: RecordedEvent, db: Database): void {
    if (!CALENDAR_FEED_EVENT_TYPES.has(recorded.type)) return;
    const event = toDomainEvent<CalendarFeedEvent>(recorded);
    switch (event.type) {
      case 'CalendarFeedCreated': {
        const d = event.data;
        cachedStatement(
          db,
          `INSERT OR IGNORE INTO calendar_feeds (feed_id, token_hash, subject_kind, subject_id, created_by, created_by_role, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        ).run(d.feedId, d.tokenHash, d.subject.kind, d.subject.id, d.createdBy, d.createdByRole, d.createdAt);
        return;
      }
      case 'CalendarFeedRevoked':
        cachedStatement(
          db,
          'UPDATE calendar_feeds SET revoked_at = ?, revoked_by = ? WHERE feed_id = ? AND revoked_at IS NULL',
        ).run(event.data.revokedAt, event.data.revokedBy, event.data.feedId);
        return;
    }
  }

  find(feedId: string): CalendarFeed | undefined {
    const row = cachedStatement<[string], FeedRow>(
      this.database(),
      `SELECT ${COLUMNS} FROM calendar_feeds WHERE feed_id = ?`,
    ).get(feedId);
    return row && toFeed(row);
  }

  findByTokenHash(tokenHash: string): CalendarFeed | undefined {
    const row = cachedStatement<[string], FeedRow>(
      this.database(),
      `SELECT ${COLUMNS} FROM calendar_feeds WHERE token_hash = ?`,
    ).get(tokenHash);
    return row && toFeed(row);
  }

  /** Oldest first: every feed (`actor` null), or those the actor created or that show them. */
  page(actor: string | null, first: number, after?: string): Page<CalendarFeed> {
    const [createdAt, feedId] = after === undefined ? ['', ''] : decodeCursor(after, 2);
    const mine = "(? IS NULL OR created_by = ? OR (subject_kind = 'RESPONDER' AND subject_id = ?))";
    const rows = cachedStatement<
      [string | null, string | null, string | null, string, string, string, number],
      FeedRow
    >(
      this.database(),
      `SELECT ${COLUMNS} FROM calendar_feeds WHERE ${mine}
         AND (created_at > ? OR (created_at = ? AND feed_id > ?)) ORDER BY created_at, feed_id LIMIT ?`,
    ).all(actor, actor, actor, String(createdAt), String(createdAt), String(feedId), first + 1);
    const total = cachedStatement<[string | null, string | null, string | null], { n: number }>(
      this.database(),
      `SELECT COUNT(*) AS n FROM calendar_feeds WHERE ${mine}`,
    ).get(actor, actor, actor)!.n;
    return toPage(rows, first, total, (r) => [r.createdAt, r.feedId], toFeed);
  }

  private database(): Database {
    if (!this.db) throw new Error('The calendar-feeds projection is not set up yet');
    return this.db;
  }
}
