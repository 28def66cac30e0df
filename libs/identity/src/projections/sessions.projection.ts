import { Injectable } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import {
  cachedStatement,
  ReadModelProjection,
  toDomainEvent,
  type Projection,
  type RecordedEvent,
} from '@app/event-store';
import type { Session } from '../domain/session/session.decider.js';
import type { SessionEvent } from '../domain/session/session.events.js';

interface SessionRow {
  session_id: string;
  secret_hash: string;
  subject: string;
  subject_kind: Session['subjectKind'];
  role: Session['role'];
  method: Session['method'];
  token_id: string | null;
  started_at: string;
  expires_at: string;
  ended_at: string | null;
}

type SessionEndedListener = (sessionId: string) => void;

/**
 * The browser sessions authentication looks up on each cookie-authenticated request: who each
 * speaks for, the hash of its secret, when it expires and whether it was ended. Listeners hear of
 * each session ended once the read model has committed it (graphql-ws closes its connections).
 */
@ReadModelProjection()
@Injectable()
export class SessionsProjection implements Projection {
  readonly name = 'sessions';
  readonly version = 1;
  private db?: Database;
  private readonly listeners = new Set<SessionEndedListener>();

  setUp(db: Database): void {
    this.db = db;
    db.exec(`CREATE TABLE IF NOT EXISTS sessions (
      session_id TEXT PRIMARY KEY, secret_hash TEXT NOT NULL, subject TEXT NOT NULL, subject_kind TEXT NOT NULL,
      role TEXT NOT NULL, method TEXT NOT NULL, token_id TEXT, started_at TEXT NOT NULL, expires_at TEXT NOT NULL,
      ended_at TEXT) WITHOUT ROWID`);
    db.exec('CREATE INDEX IF NOT EXISTS sessions_by_token ON sessions (token_id) WHERE token_id IS NOT NULL');
  }

  tearDown(db: Database): void {
    db.exec('DROP TABLE IF EXISTS sessions');
  }

  apply(recorded: RecordedEvent, db: Database): void {
    if (recorded.type !== 'SessionStarted' && recorded.type !== 'SessionEnded') return;
    const event = toDomainEvent<SessionEvent>(recorded);
    if (event.type === 'SessionStarted') {
      const s = event.data;
      cachedStatement(
        db,
        `INSERT OR REPLACE INTO sessions (session_id, secret_hash, subject, subject_kind, role, method, token_id,
           started_at, expires_at, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
      ).run(
        s.sessionId,
        s.secretHash,
        s.subject,
        s.subjectKind,
        s.role,
        s.method,
        s.tokenId ?? null,
        s.startedAt,
        s.expiresAt,
      );
      return;
    }
    cachedStatement(db, 'UPDATE sessions SET ended_at = ? WHERE session_id = ?').run(
      event.data.endedAt,
      event.data.sessionId,
    );
  }

  afterCommit(events: RecordedEvent[]): void {
    if (this.listeners.size === 0) return;
    for (const event of events) {
      const ended =
        event.type === 'SessionEnded'
          ? [(event.data as { sessionId: string }).sessionId]
          : event.type === 'ApiTokenRevoked'
            ? this.sessionsOfToken((event.data as { tokenId: string }).tokenId)
            : [];
      for (const sessionId of ended) for (const listener of this.listeners) listener(sessionId);
    }
  }

  /**
   * Calls `listener` with the id of each session that ends from now on: signed out, or signed in
   * with an API token that is revoked. Answers the unsubscribe.
   */
  onSessionEnded(listener: SessionEndedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  find(sessionId: string): Session | null {
    const row = cachedStatement<[string], SessionRow>(
      this.database(),
      'SELECT * FROM sessions WHERE session_id = ?',
    ).get(sessionId);
    return row ? sessionOf(row) : null;
  }

  private sessionsOfToken(tokenId: string): string[] {
    return cachedStatement<[string], { session_id: string }>(
      this.database(),
      'SELECT session_id FROM sessions WHERE token_id = ? AND ended_at IS NULL',
    )
      .all(tokenId)
      .map((row) => row.session_id);
  }

  private database(): Database {
    if (!this.db) throw new Error('The sessions projection is not set up yet');
    return this.db;
  }
}

function sessionOf(row: SessionRow): Session {
  return {
    sessionId: row.session_id,
    secretHash: row.secret_hash,
    subject: row.subject,
    subjectKind: row.subject_kind,
    role: row.role,
    method: row.method,
    ...(row.token_id ? { tokenId: row.token_id } : {}),
    startedAt: row.started_at,
    expiresAt: row.expires_at,
    ...(row.ended_at ? { endedAt: row.ended_at, endReason: 'signed-out' as const } : {}),
  };
}
