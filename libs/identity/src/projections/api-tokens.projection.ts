import { Injectable } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import {
  cachedStatement,
  ReadModelProjection,
  toDomainEvent,
  type Projection,
  type RecordedEvent,
  readDoc,
} from '@app/event-store';
import { apiTokenDecider, type ApiToken } from '../domain/api-token/api-token.decider.js';
import type { ApiTokenEvent } from '../domain/api-token/api-token.events.js';

/**
 * Every API token ever issued and whether it is revoked: what authentication checks on each request.
 * A deactivated responder (scheduling's `ResponderDeactivated`) signs in with none of their tokens
 * from the instant of the deactivation on. Requests read committed rows through an in-memory copy
 * that each commit refreshes for the tokens and subjects it touched.
 */
const MAX_REMEMBERED = 10_000;

@ReadModelProjection()
@Injectable()
export class ApiTokensProjection implements Projection {
  readonly name = 'api-tokens';
  readonly version = 2;
  private db?: Database;
  private readonly tokens = new Map<string, ApiToken | null>();
  private readonly deactivated = new Map<string, string | undefined>();
  private touched = { tokens: new Set<string>(), subjects: new Set<string>() };

  setUp(db: Database): void {
    this.db = db;
    db.exec(
      'CREATE TABLE IF NOT EXISTS api_tokens (token_id TEXT PRIMARY KEY, issued_at TEXT NOT NULL, doc TEXT NOT NULL)',
    );
    db.exec(
      'CREATE TABLE IF NOT EXISTS api_token_deactivated_subjects (subject TEXT PRIMARY KEY, effective_at TEXT NOT NULL) WITHOUT ROWID',
    );
  }

  tearDown(db: Database): void {
    db.exec('DROP TABLE IF EXISTS api_tokens');
    db.exec('DROP TABLE IF EXISTS api_token_deactivated_subjects');
  }

  apply(recorded: RecordedEvent, db: Database): void {
    if (recorded.type === 'ResponderDeactivated') {
      const data = recorded.data as { responderId: string; effectiveAt: string };
      cachedStatement(
        db,
        'INSERT OR REPLACE INTO api_token_deactivated_subjects (subject, effective_at) VALUES (?, ?)',
      ).run(data.responderId, data.effectiveAt);
      this.touched.subjects.add(data.responderId);
      return;
    }
    if (recorded.type !== 'ApiTokenIssued' && recorded.type !== 'ApiTokenRevoked') return;
    const event = toDomainEvent<ApiTokenEvent>(recorded);
    const next = apiTokenDecider.evolve(this.load(db, event.data.tokenId), event);
    if (!next) return;
    this.touched.tokens.add(next.tokenId);
    cachedStatement(db, 'INSERT OR REPLACE INTO api_tokens (token_id, issued_at, doc) VALUES (?, ?, ?)').run(
      next.tokenId,
      next.issuedAt,
      JSON.stringify(next),
    );
  }

  afterCommit(events: RecordedEvent[]): void {
    if (events.length === 0) {
      this.tokens.clear();
      this.deactivated.clear();
    }
    for (const id of this.touched.tokens) this.tokens.delete(id);
    for (const subject of this.touched.subjects) this.deactivated.delete(subject);
    this.afterRollback();
  }

  afterRollback(): void {
    this.touched = { tokens: new Set(), subjects: new Set() };
  }

  find(tokenId: string): ApiToken | null {
    if (this.tokens.has(tokenId)) return this.tokens.get(tokenId)!;
    const token = this.load(this.database(), tokenId);
    this.remember(this.tokens, tokenId, token);
    return token;
  }

  /** From when a subject (a deactivated responder) may no longer sign in, if ever. */
  subjectDeactivatedAt(subject: string): string | undefined {
    if (this.deactivated.has(subject)) return this.deactivated.get(subject);
    const row = cachedStatement<[string], { effective_at: string }>(
      this.database(),
      'SELECT effective_at FROM api_token_deactivated_subjects WHERE subject = ?',
    ).get(subject);
    this.remember(this.deactivated, subject, row?.effective_at);
    return row?.effective_at;
  }

  /** Unknown ids are remembered too (a commit that adds one refreshes it); the copy stays bounded. */
  private remember<T>(cache: Map<string, T>, key: string, value: T): void {
    if (cache.size >= MAX_REMEMBERED) cache.clear();
    cache.set(key, value);
  }

  all(): ApiToken[] {
    return cachedStatement<[], { doc: string }>(this.database(), 'SELECT doc FROM api_tokens ORDER BY issued_at')
      .all()
      .map((row) => JSON.parse(row.doc) as ApiToken);
  }

  private load(db: Database, tokenId: string): ApiToken | null {
    return readDoc<ApiToken>(db, 'SELECT doc FROM api_tokens WHERE token_id = ?', tokenId);
  }

  private database(): Database {
    if (!this.db) throw new Error('The api-tokens projection is not set up yet');
    return this.db;
  }
}
