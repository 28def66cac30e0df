import { Inject, Injectable } from '@nestjs/common';
import { decodeCursor, NotFoundError, toPage, type Page } from '@app/core';
import { cachedStatement, normaliseUniqueKey, READ_MODEL_DATABASE, ReadModelDatabase, readDoc } from '@app/event-store';
import type { Page as EscalationPage } from '../domain/escalation/escalation.decider.js';
import {
  EMERGENCY_SEVERITIES,
  type EscalationState,
  type PolicySnapshot,
  type Severity,
} from '../domain/escalation/escalation.types.js';
import type { PresenceStatus } from '../domain/presence/presence.events.js';
import type { ServiceData } from '../domain/service/service.events.js';
import { EscalationsProjection, type DueStepKind, type EscalationDoc, type Note } from './escalations.projection.js';
import { decodeDocument } from './escalation-doc.codec.js';

export interface OpenEscalationFilter {
  rotationIds?: string[];
  severities?: Severity[];
  states?: EscalationState[];
  driId?: string;
  incidentTag?: string;
  integrationKeyId?: string;
  dedupKey?: string;
}

export interface AwaitingPageFilter {
  rotationIds?: string[];
  responderId?: string;
}

export interface PageOfEscalation {
  page: EscalationPage;
  escalation: EscalationDoc;
}

export interface ResponderPresence {
  responderId: string;
  status: PresenceStatus | null;
  since: string | null;
  lastPagedAt: string | null;
}

export interface DueStep {
  taskId: string;
  escalationId: string;
  kind: DueStepKind;
  ref: string;
  dueAt: string;
}

const MAX_CACHED_ANSWERS = 1_000;

interface EscalationRow {
  escalation_id: string;
  severity: string;
  raised_at: string;
}

/** Reads of the escalations read models; every list is keyset-paginated on an index. */
@Injectable()
export class EscalationQueries {
  constructor(
    @Inject(READ_MODEL_DATABASE) private readonly readModels: ReadModelDatabase,
    private readonly projection: EscalationsProjection,
  ) {}

  private readonly openAnswers = new Map<string, { version: number; rows: EscalationRow[]; totalCount: number }>();

  private get db() {
    return this.readModels.db;
  }

  find(escalationId: string): EscalationDoc | undefined {
    return this.projection.documents([escalationId]).get(escalationId);
  }

  escalation(escalationId: string): EscalationDoc {
    const doc = this.find(escalationId);
    if (!doc) throw new NotFoundError('Escalation', escalationId);
    return doc;
  }

  byIds(ids: readonly string[]): Map<string, EscalationDoc> {
    return this.projection.documents(ids);
  }

  /** Open escalations, most severe first, then oldest first. */
  /**
   * Open escalations, most severe first, then oldest first. A dashboard fleet asks the same few
   * questions over and over: each answer (ids and count) is kept until an escalation changes.
   */
  open(filter: OpenEscalationFilter, first: number, after?: string): Page<EscalationDoc> {
    const key = JSON.stringify([
      filter.rotationIds,
      filter.severities,
      filter.states,
      filter.driId,
      filter.incidentTag,
      filter.integrationKeyId,
      filter.dedupKey,
      first,
      after,
    ]);
    let answer = this.openAnswers.get(key);
    if (!answer || answer.version !== this.projection.changeCount) {
      if (this.openAnswers.size >= MAX_CACHED_ANSWERS) this.openAnswers.clear();
      answer = { version: this.projection.changeCount, ...this.queryOpen(filter, first, after) };
      this.openAnswers.set(key, answer);
    }
    const { rows, totalCount } = answer;
    const docs = this.byIds(rows.map((r) => r.escalation_id));
    return toPage(
      rows,
      first,
      totalCount,
      (r) => [r.severity, r.raised_at, r.escalation_id],
      (r) => docs.get(r.escalation_id)!,
    );
  }

  private queryOpen(
    filter: OpenEscalationFilter,
    first: number,
    after?: string,
  ): { rows: EscalationRow[]; totalCount: number } {
    const where = ['is_open = 1'];
    const params: unknown[] = [];
    if (filter.rotationIds?.length) {
      where.push('rotation_id IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(filter.rotationIds));
    }
    if (filter.severities?.length) {
      where.push('severity IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(filter.severities));
    }
    if (filter.states?.length) {
      where.push('state IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(filter.states));
    }
    if (filter.driId !== undefined) {
      where.push('dri_id = ?');
      params.push(filter.driId);
    }
    if (filter.incidentTag !== undefined) {
      where.push('incident_tag = ?');
      params.push(filter.incidentTag);
    }
    if (filter.integrationKeyId !== undefined) {
      where.push('integration_key_id = ?');
      params.push(filter.integrationKeyId);
    }
    if (filter.dedupKey !== undefined) {
      where.push('dedup_key = ?');
      params.push(filter.dedupKey);
    }
    const conditions = where.join(' AND ');
    const totalCount = cachedStatement<unknown[], { n: number }>(
      this.db,
      `SELECT COUNT(*) AS n FROM escalations WHERE ${conditions}`,
    ).get(...params)!.n;
    const keyset = after != null ? ' AND (severity, raised_at, escalation_id) > (?, ?, ?)' : '';
    const rows = cachedStatement<unknown[], EscalationRow>(
      this.db,
      `SELECT escalation_id, severity, raised_at FROM escalations WHERE ${conditions}${keyset}
       ORDER BY severity, raised_at, escalation_id LIMIT ?`,
    ).all(...params, ...(after != null ? decodeCursor(after, 3) : []), first + 1);
    return { rows, totalCount };
  }

  /** Escalations raised by integrations, open and closed, newest first. */
  fromAlerts(
    filter: { integrationKeyId?: string; dedupKey?: string },
    first: number,
    after?: string,
  ): Page<EscalationDoc> {
    const where = ['integration_key_id IS NOT NULL'];
    const params: unknown[] = [];
    if (filter.integrationKeyId !== undefined) {
      where.push('integration_key_id = ?');
      params.push(filter.integrationKeyId);
    }
    if (filter.dedupKey !== undefined) {
      where.push('dedup_key = ?');
      params.push(filter.dedupKey);
    }
    const conditions = where.join(' AND ');
    const totalCount = cachedStatement<unknown[], { n: number }>(
      this.db,
      `SELECT COUNT(*) AS n FROM escalations WHERE ${conditions}`,
    ).get(...params)!.n;
    const keyset = after != null ? ' AND (raised_at, escalation_id) < (?, ?)' : '';
    const rows = cachedStatement<unknown[], { escalation_id: string; raised_at: string }>(
      this.db,
      `SELECT escalation_id, raised_at FROM escalations WHERE ${conditions}${keyset}
       ORDER BY raised_at DESC, escalation_id DESC LIMIT ?`,
    ).all(...params, ...(after != null ? decodeCursor(after, 2) : []), first + 1);
    const docs = this.byIds(rows.map((r) => r.escalation_id));
    return toPage(
      rows,
      first,
      totalCount,
      (r) => [r.raised_at, r.escalation_id],
      (r) => docs.get(r.escalation_id)!,
    );
  }

  /** Pages still waiting for an acknowledgement, the nearest deadline first. */
  awaitingAcknowledgement(filter: AwaitingPageFilter, first: number, after?: string): Page<PageOfEscalation> {
    const where = [`p.status = 'TRIGGERED'`];
    const params: unknown[] = [];
    if (filter.rotationIds?.length) {
      where.push('p.rotation_id IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(filter.rotationIds));
    }
    if (filter.responderId !== undefined) {
      where.push('p.page_id IN (SELECT page_id FROM escalation_page_recipients WHERE responder_id = ?)');
      params.push(filter.responderId);
    }
    const conditions = where.join(' AND ');
    const totalCount = cachedStatement<unknown[], { n: number }>(
      this.db,
      `SELECT COUNT(*) AS n FROM escalation_pages p WHERE ${conditions}`,
    ).get(...params)!.n;
    const keyset = after != null ? ' AND (p.ack_deadline, p.page_id) > (?, ?)' : '';
    const rows = cachedStatement<unknown[], { page_id: string; ack_deadline: string; escalation_id: string }>(
      this.db,
      `SELECT p.page_id, p.ack_deadline, p.escalation_id FROM escalation_pages p
       WHERE ${conditions}${keyset} ORDER BY p.ack_deadline, p.page_id LIMIT ?`,
    ).all(...params, ...(after != null ? decodeCursor(after, 2) : []), first + 1);
    const docs = this.byIds(rows.map((r) => r.escalation_id));
    return toPage(
      rows,
      first,
      totalCount,
      (r) => [r.ack_deadline, r.page_id],
      (r) => {
        const escalation = docs.get(r.escalation_id)!;
        return { escalation, page: escalation.pages.find((p) => p.pageId === r.page_id)! };
      },
    );
  }

  escalationIdOfPage(pageId: string): string {
    const row = cachedStatement<[string], { escalation_id: string }>(
      this.db,
      'SELECT escalation_id FROM escalation_pages WHERE page_id = ?',
    ).get(pageId);
    if (!row) throw new NotFoundError('Page', pageId);
    return row.escalation_id;
  }

  /** Open escalations whose DRI is one of these responders, oldest first. */
  openWithDri(responderIds: readonly string[]): EscalationDoc[] {
    if (responderIds.length === 0) return [];
    const ids = cachedStatement<[string], { escalation_id: string }>(
      this.db,
      `SELECT escalation_id FROM escalations WHERE is_open = 1 AND dri_id IN (SELECT value FROM json_each(?))
       ORDER BY raised_at, escalation_id`,
    )
      .all(JSON.stringify(responderIds))
      .map((r) => r.escalation_id);
    const docs = this.byIds(ids);
    return ids.map((id) => docs.get(id)!);
  }

  /** For each responder DRI of an open S1/S2 escalation: the oldest such escalation. */
  openEmergencyOf(responderIds: readonly string[], except?: string): Map<string, string> {
    const busy = new Map<string, string>();
    for (const doc of this.openWithDri(responderIds)) {
      if (doc.escalationId === except || !EMERGENCY_SEVERITIES.includes(doc.severity)) continue;
      if (!busy.has(doc.driId!)) busy.set(doc.driId!, doc.escalationId);
    }
    return busy;
  }

  notes(escalationId: string): Note[] {
    return cachedStatement<[string], { doc: Buffer }>(
      this.db,
      'SELECT doc FROM escalation_notes WHERE escalation_id = ? ORDER BY position',
    )
      .all(escalationId)
      .map((row) => decodeDocument<Note>(row.doc));
  }

  dueSteps(now: Date, limit: number): DueStep[] {
    return cachedStatement<[string, number], DueStep>(
      this.db,
      `SELECT task_id AS taskId, escalation_id AS escalationId, kind, ref, due_at AS dueAt
       FROM escalation_due_steps WHERE due_at <= ? ORDER BY due_at, task_id LIMIT ?`,
    ).all(now.toISOString(), limit);
  }

  policy(rotationId: string): PolicySnapshot | undefined {
    return (
      readDoc<PolicySnapshot>(this.db, 'SELECT doc FROM escalation_policies WHERE rotation_id = ?', rotationId) ??
      undefined
    );
  }

  service(serviceId: string): ServiceData {
    const row = cachedStatement<[string], { doc: string }>(
      this.db,
      'SELECT doc FROM escalation_services WHERE service_id = ?',
    ).get(serviceId);
    if (!row) throw new NotFoundError('Service', serviceId);
    return JSON.parse(row.doc) as ServiceData;
  }

  /** Service names compare case-insensitively (NFC, lower-cased), as their claims on the store do. */
  serviceNamed(name: string): ServiceData | undefined {
    const key = normaliseUniqueKey(name);
    return this.services().find((service) => normaliseUniqueKey(service.name) === key);
  }

  services(): ServiceData[] {
    return cachedStatement<[], { doc: string }>(this.db, 'SELECT doc FROM escalation_services ORDER BY name')
      .all()
      .map((row) => JSON.parse(row.doc) as ServiceData);
  }

  presence(responderIds: readonly string[]): Map<string, ResponderPresence> {
    const rows = cachedStatement<
      [string],
      {
        responder_id: string;
        presence: PresenceStatus | null;
        presence_since: string | null;
        last_paged_at: string | null;
      }
    >(this.db, 'SELECT * FROM escalation_responders WHERE responder_id IN (SELECT value FROM json_each(?))').all(
      JSON.stringify(responderIds),
    );
    const found = new Map(rows.map((r) => [r.responder_id, r]));
    return new Map(
      responderIds.map((id) => {
        const row = found.get(id);
        return [
          id,
          {
            responderId: id,
            status: row?.presence ?? null,
            since: row?.presence_since ?? null,
            lastPagedAt: row?.last_paged_at ?? null,
          },
        ];
      }),
    );
  }
}
