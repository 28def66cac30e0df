import { Injectable } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import { cachedStatement, ReadModelProjection, type Projection, type RecordedEvent } from '@app/event-store';

/**
 * The e-mail addresses responders have proved are theirs (notifications' EMAIL contact methods,
 * once verified with the code sent to them): what single sign-on matches an identity provider's
 * `email` claim against. An unverified or removed address signs no one in.
 */
@ReadModelProjection()
@Injectable()
export class SignInEmailsProjection implements Projection {
  readonly name = 'sign-in-emails';
  readonly version = 1;
  private db?: Database;

  setUp(db: Database): void {
    this.db = db;
    db.exec(`CREATE TABLE IF NOT EXISTS sign_in_emails (contact_method_id TEXT PRIMARY KEY, responder_id TEXT NOT NULL,
      address_key TEXT NOT NULL, verified INTEGER NOT NULL) WITHOUT ROWID`);
    db.exec('CREATE INDEX IF NOT EXISTS sign_in_emails_by_address ON sign_in_emails (address_key, verified)');
  }

  tearDown(db: Database): void {
    db.exec('DROP TABLE IF EXISTS sign_in_emails');
  }

  apply(recorded: RecordedEvent, db: Database): void {
    const data = recorded.data as { contactMethodId: string; responderId?: string; kind?: string; address?: string };
    switch (recorded.type) {
      case 'ContactMethodAdded':
        if (data.kind !== 'EMAIL' || !data.address || !data.responderId) return;
        cachedStatement(
          db,
          'INSERT OR REPLACE INTO sign_in_emails (contact_method_id, responder_id, address_key, verified) VALUES (?, ?, ?, 0)',
        ).run(data.contactMethodId, data.responderId, emailKey(data.address));
        return;
      case 'ContactMethodVerified':
        cachedStatement(db, 'UPDATE sign_in_emails SET verified = 1 WHERE contact_method_id = ?').run(
          data.contactMethodId,
        );
        return;
      case 'ContactMethodRemoved':
        cachedStatement(db, 'DELETE FROM sign_in_emails WHERE contact_method_id = ?').run(data.contactMethodId);
        return;
    }
  }

  /** The responders who verified this address (normally one). */
  respondersWithVerified(address: string): string[] {
    return cachedStatement<[string], { responder_id: string }>(
      this.database(),
      'SELECT DISTINCT responder_id FROM sign_in_emails WHERE address_key = ? AND verified = 1',
    )
      .all(emailKey(address))
      .map((row) => row.responder_id);
  }

  private database(): Database {
    if (!this.db) throw new Error('The sign-in-emails projection is not set up yet');
    return this.db;
  }
}

/** Addresses compare without case and surrounding space (as every mail system in use treats them). */
export function emailKey(address: string): string {
  return address.trim().normalize('NFC').toLowerCase();
}
