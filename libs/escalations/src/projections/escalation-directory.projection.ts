import { Injectable } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import { cachedStatement, ReadModelProjection, type Projection, type RecordedEvent } from '@app/event-store';
import type { ResponderPagedData } from '../domain/escalation/escalation.events.js';
import { escalationPolicyDecider } from '../domain/policy/escalation-policy.decider.js';
import type { EscalationPolicyEvent } from '../domain/policy/escalation-policy.events.js';
import type { PresenceEvent } from '../domain/presence/presence.events.js';
import type { ServiceEvent } from '../domain/service/service.events.js';

/**
 * What paging needs to know besides the schedule: each rotation's escalation policy, the
 * services and their owners, and each responder's presence and when they were last paged.
 */
@ReadModelProjection()
@Injectable()
export class EscalationDirectoryProjection implements Projection {
  readonly name = 'escalation-directory';
  readonly version = 1;
  /** The latest time each responder was paged in the batch, written in `flush`. */
  private readonly lastPaged = new Map<string, string>();

  setUp(db: Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS escalation_policies (rotation_id TEXT PRIMARY KEY, doc TEXT NOT NULL) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS escalation_services (
        service_id TEXT PRIMARY KEY, name TEXT NOT NULL, doc TEXT NOT NULL) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS escalation_services_by_name ON escalation_services (name);
      CREATE TABLE IF NOT EXISTS escalation_responders (
        responder_id   TEXT PRIMARY KEY,
        presence       TEXT,
        presence_since TEXT,
        last_paged_at  TEXT
      ) WITHOUT ROWID;
    `);
  }

  tearDown(db: Database): void {
    for (const table of ['policies', 'services', 'responders']) db.exec(`DROP TABLE IF EXISTS escalation_${table}`);
  }

  apply(recorded: RecordedEvent, db: Database): void {
    switch (recorded.type) {
      case 'EscalationPolicySet': {
        const event = recorded as unknown as Extract<EscalationPolicyEvent, { type: 'EscalationPolicySet' }>;
        const policy = escalationPolicyDecider.evolve(null, event);
        cachedStatement(db, 'INSERT OR REPLACE INTO escalation_policies (rotation_id, doc) VALUES (?, ?)').run(
          event.data.rotationId,
          JSON.stringify(policy),
        );
        break;
      }
      case 'ServiceRegistered':
      case 'ServiceOwnershipChanged': {
        const { at: _, by: __, ...service } = (recorded as unknown as ServiceEvent).data;
        cachedStatement(db, 'INSERT OR REPLACE INTO escalation_services (service_id, name, doc) VALUES (?, ?, ?)').run(
          service.serviceId,
          service.name,
          JSON.stringify(service),
        );
        break;
      }
      case 'ResponderPresenceChanged': {
        const { data } = recorded as unknown as Extract<PresenceEvent, { type: 'ResponderPresenceChanged' }>;
        cachedStatement(
          db,
          `INSERT INTO escalation_responders (responder_id, presence, presence_since) VALUES (?, ?, ?)
           ON CONFLICT (responder_id) DO UPDATE SET presence = excluded.presence, presence_since = excluded.presence_since`,
        ).run(data.responderId, data.status, data.at);
        break;
      }
      case 'ResponderPaged': {
        const { recipients, pagedAt } = recorded.data as unknown as ResponderPagedData;
        for (const responderId of recipients) {
          const latest = this.lastPaged.get(responderId);
          if (latest === undefined || pagedAt > latest) this.lastPaged.set(responderId, pagedAt);
        }
        break;
      }
    }
  }

  /** Each responder paged in the batch once, with the latest time of the batch (the stored one stays when later). */
  flush(db: Database): void {
    if (this.lastPaged.size === 0) return;
    const paged = cachedStatement(
      db,
      `INSERT INTO escalation_responders (responder_id, last_paged_at) VALUES (?, ?)
       ON CONFLICT (responder_id) DO UPDATE SET last_paged_at = MAX(COALESCE(last_paged_at, ''), excluded.last_paged_at)`,
    );
    for (const [responderId, pagedAt] of this.lastPaged) paged.run(responderId, pagedAt);
    this.lastPaged.clear();
  }

  afterRollback(): void {
    this.lastPaged.clear();
  }
}
